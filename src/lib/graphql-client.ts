import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A GraphQL error as the UI needs it: the code and any field-level messages for forms. */
export class GqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fields: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Runs one of the UI's typed operations against /api/graphql with the session cookie. */
export async function gqlRequest<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const response = await fetch('/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
    credentials: 'same-origin',
  });
  const body = (await response.json()) as {
    data?: TResult;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  const first = body.errors?.[0];
  if (first) {
    const ext = first.extensions ?? {};
    throw new GqlError(
      first.message,
      String(ext.code ?? 'INTERNAL_SERVER_ERROR'),
      (ext.fields as Record<string, string>) ?? {},
      ext,
    );
  }
  if (!body.data) throw new GqlError('Empty response', 'INTERNAL_SERVER_ERROR');
  return body.data;
}
