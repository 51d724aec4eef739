'use client';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, type DocumentNode } from 'graphql';
import { useCallback, useMemo } from 'react';
import { gqlRequest } from '@/lib/graphql-client';

/**
 * The client data layer: TanStack Query over the typed documents graphql-codegen generates. Every screen reads and
 * writes through these three hooks, so caching, deduplication, revalidation and invalidation after a mutation work the
 * same everywhere.
 *
 * Query keys are `[operationName, variables]`. A mutation names the operation-name prefixes it makes stale
 * (`invalidates: ['Complaint', 'Notification']`); without the option it invalidates every cached query, the safe
 * default for a console where one change shows up on several screens.
 */

type Variables = Record<string, unknown>;
type Doc<TResult, TVariables> = TypedDocumentNode<TResult, TVariables>;

const names = new WeakMap<DocumentNode, string>();
export function operationName(document: DocumentNode): string {
  let name = names.get(document);
  if (name === undefined) {
    name = getOperationAST(document)?.name?.value ?? 'anonymous';
    names.set(document, name);
  }
  return name;
}

export const gqlKey = (document: DocumentNode, variables?: unknown): QueryKey => [
  operationName(document),
  variables ?? {},
];

const run = <TResult, TVariables>(document: Doc<TResult, TVariables>, variables: TVariables | undefined) =>
  (gqlRequest as (d: Doc<TResult, TVariables>, v?: TVariables) => Promise<TResult>)(document, variables);

export type GqlQueryOptions = {
  /** False: do not load yet (a dialog that is closed, a filter not chosen). */
  enabled?: boolean;
  /** Keep showing the previous answer while a new key loads (filters, sort), instead of a spinner. */
  keepPrevious?: boolean;
  /** Poll every n ms (a counter in the header). */
  refetchInterval?: number;
  staleTime?: number;
};

/** One typed GraphQL query, cached under its operation name and variables. */
export function useGqlQuery<TResult, TVariables extends Variables>(
  document: Doc<TResult, TVariables>,
  variables?: TVariables,
  options: GqlQueryOptions = {},
) {
  return useQuery({
    queryKey: gqlKey(document, variables),
    queryFn: () => run(document, variables),
    enabled: options.enabled ?? true,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    refetchInterval: options.refetchInterval,
    staleTime: options.staleTime,
  });
}

/** The shape every paginated field of our schema has (Relay-style connection without edges). */
export type Connection<TNode> = {
  nodes: readonly TNode[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount?: number | null;
};

/** What a list whose parent is missing (a customer not found, a campaign deleted) reads as: no rows, no next page. */
const EMPTY_CONNECTION: Connection<never> = { nodes: [], pageInfo: { hasNextPage: false }, totalCount: 0 };
type SelectConnection<TResult, TNode> = (result: TResult) => Connection<TNode> | null | undefined;
const connectionIn = <TResult, TNode>(select: SelectConnection<TResult, TNode>, result: TResult): Connection<TNode> =>
  select(result) ?? EMPTY_CONNECTION;

/**
 * A cursor-paginated list ("load more"): the first page under the variables' key, further pages appended with
 * `after` = the previous page's end cursor. `select` picks the connection out of the query's result; it may answer
 * null or undefined (`r => r.customer?.callbacksConnection`) when the connection's parent is missing, and the list is
 * then empty. Returns the rows of all loaded pages, the first page's total and everything a LoadMore footer needs.
 */
export function useGqlInfiniteQuery<TResult, TVariables extends Variables & { after?: string | null }, TNode>(
  document: Doc<TResult, TVariables>,
  variables: Omit<TVariables, 'after'>,
  select: SelectConnection<TResult, TNode>,
  options: GqlQueryOptions = {},
) {
  const query = useInfiniteQuery({
    queryKey: [...gqlKey(document, variables), 'infinite'],
    queryFn: ({ pageParam }) => run(document, { ...variables, after: pageParam } as unknown as TVariables),
    initialPageParam: null as string | null,
    getNextPageParam: (last: TResult) => {
      const info = connectionIn(select, last).pageInfo;
      return info.hasNextPage ? (info.endCursor ?? null) : null;
    },
    enabled: options.enabled ?? true,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    refetchInterval: options.refetchInterval,
    staleTime: options.staleTime,
  });
  const pages = query.data?.pages;
  const rows = useMemo(() => (pages ?? []).flatMap((page) => connectionIn(select, page).nodes), [pages, select]);
  const first = pages?.[0];
  return {
    ...query,
    /** Every loaded row, in order. */
    rows,
    /** The first page's result (totals and other fields beside the connection). */
    firstPage: first,
    totalCount: first ? (connectionIn(select, first).totalCount ?? null) : null,
    /** True once the first page is here (before that, show a spinner, not an empty state). */
    loaded: first !== undefined,
  };
}

export type InvalidateSpec = readonly string[] | 'all' | 'none';

export function invalidateOperations(client: QueryClient, spec: InvalidateSpec): Promise<void> {
  if (spec === 'none') return Promise.resolve();
  if (spec === 'all') return client.invalidateQueries();
  return client.invalidateQueries({
    predicate: (query) => {
      const name = query.queryKey[0];
      return typeof name === 'string' && spec.some((prefix) => name.startsWith(prefix));
    },
  });
}

/**
 * One typed GraphQL mutation. After it succeeds, the queries it makes stale are invalidated (refetched if on screen);
 * `invalidates` lists operation-name prefixes ('all' by default). `mutateAsync` rejects with the GqlError, whose code
 * and fields a form shows (`fieldErrorsOf`).
 */
export function useGqlMutation<TResult, TVariables extends Variables>(
  document: Doc<TResult, TVariables>,
  options: { invalidates?: InvalidateSpec; onSuccess?: (result: TResult, variables: TVariables) => void } = {},
) {
  const client = useQueryClient();
  const { invalidates = 'all', onSuccess } = options;
  return useMutation({
    mutationKey: [operationName(document)],
    mutationFn: (variables: TVariables) => run(document, variables),
    onSuccess: async (result, variables) => {
      onSuccess?.(result, variables);
      await invalidateOperations(client, invalidates);
    },
  });
}

/** Invalidate queries by operation-name prefix from anywhere (after an upload, an import, a REST export…). */
export function useInvalidate() {
  const client = useQueryClient();
  return useCallback((spec: InvalidateSpec = 'all') => invalidateOperations(client, spec), [client]);
}

/**
 * The same query for a list of variable sets (one customer's name per id), each cached under its own key. Returns the
 * TanStack results in the list's order.
 */
export function useGqlQueries<TResult, TVariables extends Variables>(
  document: Doc<TResult, TVariables>,
  variablesList: readonly TVariables[],
  options: Pick<GqlQueryOptions, 'enabled' | 'staleTime'> = {},
) {
  return useQueries({
    queries: variablesList.map((variables) => ({
      queryKey: gqlKey(document, variables),
      queryFn: () => run(document, variables),
      enabled: options.enabled ?? true,
      staleTime: options.staleTime,
    })),
  });
}
