import type { ErrorParams, FieldError } from '@/server/error-keys';
import { currentErrorTranslator, fieldTexts } from '@/lib/error-text-core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A GraphQL error as the UI needs it: the code and any field-level messages for forms. */
/**
 * A GraphQL error as the UI sees it: `code`, the message `key` and `params` (src/server/errors.ts), the server's
 * English `message`, and the field problems as keys (`fieldErrors`) — `fields` is them as text in the viewer's
 * language (src/lib/error-text.ts).
 */
export class GqlError extends Error {
  readonly key: string | undefined;
  readonly params: ErrorParams | undefined;
  constructor(
    message: string,
    readonly code: string,
    readonly fieldErrors: Record<string, FieldError | string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.key = typeof extensions.key === 'string' ? extensions.key : undefined;
    this.params =
      extensions.params && typeof extensions.params === 'object' ? (extensions.params as ErrorParams) : undefined;
  }

  /** Field messages in the viewer's language, keyed like the form's fields. */
  get fields(): Record<string, string> {
    return fieldTexts(currentErrorTranslator(), this.fieldErrors);
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
      (ext.fields as Record<string, FieldError>) ?? {},
      ext,
    );
  }
  if (!body.data) throw new GqlError('Empty response', 'INTERNAL_SERVER_ERROR');
  return body.data;
}
