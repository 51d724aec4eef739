import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { Tx } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import type { ActivityMessage } from '@/lib/activity';

export type HistoryInput = {
  entityType: string;
  entityId: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  /** Free text a person wrote (a note, a reason), stored as written. */
  comment?: string | null;
  /** What the system says about the step, language-neutral (a key of messages/<locale>/activity.json and its params). */
  message?: ActivityMessage | null;
  changes?: Prisma.InputJsonValue;
  visibleToCustomer?: boolean;
};

/** The row to write for an entry: its message split into the key and params columns. */
export function historyRow<T extends { message?: ActivityMessage | null }>({ message, ...entry }: T) {
  return {
    ...entry,
    messageKey: message?.key ?? null,
    ...(message?.params ? { messageParams: message.params } : {}),
  };
}

/** Who did it, as stored in the history: a user id, or a label for API clients and anonymous visitors. */
export function actorOf(viewer: Viewer): { actorId: string | null; actorLabel: string | null } {
  switch (viewer.kind) {
    case 'staff':
    case 'customer':
      return { actorId: viewer.userId, actorLabel: null };
    case 'apiClient':
      // A key that runs workflow steps acts as its named service account (a user), so the history names it as it
      // names a person; the label keeps the key's name beside it.
      return { actorId: viewer.serviceAccountId ?? null, actorLabel: `API: ${viewer.name}` };
    case 'anonymous':
      return { actorId: null, actorLabel: 'anonymous' };
  }
}

/** Appends to the history inside the caller's transaction (the table refuses UPDATE and DELETE). */
export async function appendHistory(tx: Tx, viewer: Viewer, entry: HistoryInput): Promise<void> {
  await tx.historyEntry.create({ data: { ...historyRow(entry), ...actorOf(viewer) } });
}

/** Field-by-field before/after of the keys that changed, for the history's `changes`. */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    const a = normalise(before[key]);
    const b = normalise(after[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = { from: a, to: b };
  }
  return out;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'toFixed' in value)
    return (value as { toFixed: (n: number) => string }).toFixed(2);
  return value ?? null;
}
