import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTranslator } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { interactionActionLabel } from '@/components/interactions/interaction-action-label';
import { WORKFLOW_COMMANDS } from '@/graphql/complaints/complaint-workflow.rules';
import { AUDITED_ENTITY_TYPES } from '@/graphql/directory/directory.rules';
import { WORK_ORDER_ACTIONS } from '@/graphql/work-orders/work-order.rules';
import type { Locale } from '@/i18n/config';
import { loadMessages } from '@/i18n/messages';

// A history entry stores its step as a code (`action`); every screen that shows an entity's history words that code
// from its bundle, and a code it has no word for shows raw (CREATE, TRANSITION, ROTATE). This test reads the codes the
// server writes from the sources — the object literals passed to appendHistory / historyRow and the set-based INSERTs —
// and checks each screen has a word for every code of the entities it shows, in both languages.

const root = join(__dirname, '../..');

/** Where an action is not a literal: the codes the expression can hold. */
const DYNAMIC_ACTIONS: Record<string, readonly string[]> = {
  'command.type': WORKFLOW_COMMANDS,
  'step.action': WORK_ORDER_ACTIONS,
};
/** Where the entity type is not a literal or a constant of the file: the types it can hold. */
const DYNAMIC_ENTITIES: Record<string, readonly string[]> = {
  'src/graphql/complaints/escalation.service.ts entityType': ['Interaction', 'Callback'],
};

type Written = { entity: string; actions: readonly string[] | null; expression: string; at: string };

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The text of the object literal around `index`, from it to the brace that closes the literal. */
function literalFrom(text: string, index: number): string {
  let depth = 0;
  for (let i = index; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '(' || text[i] === '[') depth++;
    if (text[i] === '}' || text[i] === ')' || text[i] === ']') depth--;
    if (depth < 0) return text.slice(index, i);
  }
  return text.slice(index);
}

/** Every (entity type, action) the server writes into the history. */
function writtenActions(): Written[] {
  const out: Written[] = [];
  for (const file of [...sources('src/graphql'), ...sources('src/server')]) {
    if (file === join('src', 'server', 'history.ts')) continue; // the writer itself: its types, not entries
    const text = readFileSync(join(root, file), 'utf8');
    if (!/appendHistory|historyRow|"HistoryEntry"/.test(text)) continue;
    const constants = new Map([...text.matchAll(/^const (\w+) = '(\w+)';/gm)].map((m) => [m[1]!, m[2]!]));
    const entityOf = (expression: string, at: string): string[] => {
      const literal = /^'(\w+)'$/.exec(expression)?.[1] ?? constants.get(expression);
      if (literal) return [literal];
      const dynamic = DYNAMIC_ENTITIES[`${file} ${expression}`];
      if (!dynamic) throw new Error(`${at}: entityType ${expression} — list what it can be in DYNAMIC_ENTITIES`);
      return [...dynamic];
    };
    for (const m of text.matchAll(/\bentityType(?::\s*([^,\n}]+?))?\s*[,\n}]/g)) {
      const literal = literalFrom(text, m.index + m[0].length - 1);
      const action = /\baction:\s*([^\n]+?),?\s*$/m.exec(literal);
      if (!action) continue; // a filter or a notification, not an entry
      const at = `${file}:${text.slice(0, m.index).split('\n').length}`;
      const expression = action[1]!.trim();
      const literals = [...expression.matchAll(/'([A-Z][A-Z0-9_]*)'/g)].map((x) => x[1]!);
      const actions = literals.length ? literals : (DYNAMIC_ACTIONS[expression] ?? null);
      for (const entity of entityOf((m[1] ?? 'entityType').trim(), at)) out.push({ entity, actions, expression, at });
    }
    // Set-based writes: INSERT INTO "HistoryEntry" … SELECT …, ${ENTITY} [AS "entityType"], x."id" …, 'ACTION' ….
    for (const m of text.matchAll(/\$\{(\w+)\}(?: AS "entityType")?,\s*\w+\."id"(?: AS "entityId")?,\s*'([A-Z_]+)'/g)) {
      const at = `${file}:${text.slice(0, m.index).split('\n').length}`;
      out.push({ entity: entityOf(m[1]!, at)[0]!, actions: [m[2]!], expression: m[2]!, at });
    }
  }
  return out;
}

type Words = Parameters<typeof interactionActionLabel>[1];
type Screen = { name: string; entities: readonly string[]; labelled: (t: Words, action: string) => boolean };

/** Each screen that shows a history, the entity types it shows, and whether it has a word for an action. */
const SCREENS: readonly Screen[] = [
  { name: 'audit log', entities: AUDITED_ENTITY_TYPES, labelled: (t, a) => t.has(`admin.audit.actions.${a}`) },
  {
    name: 'service rules: latest changes',
    entities: ['SlaRule', 'Setting', 'CalendarDay'],
    labelled: (t, a) => t.has(`serviceRules.changes.action.${a}`),
  },
  { name: 'customer history', entities: ['Customer'], labelled: (t, a) => t.has(`customers.history.action.${a}`) },
  { name: 'work order', entities: ['WorkOrder'], labelled: (t, a) => t.has(`workOrders.actions.${a}`) },
  {
    name: 'interaction timeline and detail',
    entities: ['Interaction'],
    labelled: (t, a) => interactionActionLabel(a, scoped(t, 'intake'), scoped(t, 'complaints')) !== a,
  },
];

/** A namespace's translator from the whole bundle's. */
const scoped = (t: Words, namespace: string): Words =>
  Object.assign((key: string) => t(`${namespace}.${key}`), { has: (key: string) => t.has(`${namespace}.${key}`) });

const words = {} as Record<Locale, Words>;
let written: Written[] = [];

beforeAll(async () => {
  for (const locale of ['zh-CN', 'en'] as const)
    words[locale] = createTranslator({ locale, messages: await loadMessages(locale) }) as unknown as Words;
  written = writtenActions();
});

describe('history action labels', () => {
  it('finds the entries the server writes (the scan still reads the sources)', () => {
    const has = (entity: string, action: string) =>
      written.some((w) => w.entity === entity && w.actions?.includes(action));
    expect(has('Customer', 'TRANSITION')).toBe(true); // appendHistory
    expect(has('Customer', 'REVIEW')).toBe(true); // a set-based INSERT
    expect(has('WorkOrder', 'ESCALATED')).toBe(true); // historyRow in a createMany / create
    expect(has('Interaction', 'REOPEN')).toBe(true); // a workflow command
    expect(has('ApiKey', 'ROTATE')).toBe(true);
  });

  it('every screen words every action of the entities it shows, in zh-CN and en', () => {
    const missing: string[] = [];
    for (const screen of SCREENS) {
      for (const entry of written.filter((w) => screen.entities.includes(w.entity))) {
        if (!entry.actions) {
          missing.push(`${entry.at}: action ${entry.expression} — list its codes in DYNAMIC_ACTIONS`);
          continue;
        }
        for (const locale of ['zh-CN', 'en'] as const)
          for (const action of entry.actions)
            if (!screen.labelled(words[locale], action))
              missing.push(`${screen.name} (${locale}): ${entry.entity} ${action}, written at ${entry.at}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});
