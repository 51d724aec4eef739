import { badField } from '@/server/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is answered NOT_FOUND by the services without a query. */
export const isUuid = (id: string) => UUID.test(id);

/** Opaque cursors for id-keyed cursor pagination. */
export const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isUuid(id)) throw badField('after', 'pagination.invalidCursor');
  return id;
}
