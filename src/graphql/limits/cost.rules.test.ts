import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as uiDocuments from '@/gql/graphql';
import { buildSchema } from '@/graphql/schema';
import type { Viewer } from '@/server/viewer';
import { sampleVariables } from '../../../tests/helpers/schema-samples';
import { ASSUMED_LIST_SIZE, LIST_BOUNDS, maxTypeRevisits, operationCost } from './cost.rules';
import { costLimitsFor } from './cost-limits.plugin';

const schema = buildSchema();
const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), variables);

const FAN_OUT = `query($n: Int) { interactions(first: $n) { nodes { customer { interactions { customer { interactions { id } } } } } } }`;

describe('the cost of an operation', () => {
  it('multiplies by `first` whether it is written literally, arrives in a variable or is the SDL default', () => {
    const literal = cost(`{ interactions(first: 100) { nodes { id customer { id } } } }`);
    const variable = cost(`query($n: Int) { interactions(first: $n) { nodes { id customer { id } } } }`, { n: 100 });
    expect(variable).toBe(literal);
    expect(literal).toBe(1 + 100 * 2); // the connection, then per item: the node and its customer
    // No `first` given: the SDL's default page (25).
    expect(cost(`{ interactions { nodes { id customer { id } } } }`)).toBe(1 + 25 * 2);
    expect(cost(`query($n: Int) { interactions(first: $n) { nodes { id } } }`, { n: 10 })).toBe(1 + 10);
  });

  it('counts a list without pagination at its known bound, else at the assumed size', () => {
    expect(cost(`query($id: ID!) { customer(id: $id) { interactions { id } } }`, { id: 'x' })).toBe(
      1 + LIST_BOUNDS['Customer.interactions']! * 1,
    );
    expect(cost(`query($id: ID!) { customer(id: $id) { contacts { id } } }`, { id: 'x' })).toBe(1 + ASSUMED_LIST_SIZE);
    // Leaves are free, also lists of them.
    expect(cost(`{ viewer { permissions kind } }`)).toBe(1);
  });

  it('makes the nested fan-out of issue 10 (first in a variable) cost far more than anyone may spend', () => {
    const fanOut = cost(FAN_OUT, { n: 100 });
    expect(fanOut).toBe(1 + 100 * (1 + 1 + 50 * (1 + 1 + 50 * 1)));
    const staff: Viewer = { kind: 'staff', userId: 'u', role: 'ADMIN', departmentId: null };
    expect(fanOut).toBeGreaterThan(costLimitsFor(staff).maxCost);
    // The customer's limit refuses the shape itself (it returns to Interaction twice and to Customer once), whatever `first` is.
    expect(maxTypeRevisits(schema, parse(FAN_OUT))).toBe(3);
    expect(costLimitsFor({ kind: 'customer', userId: 'u', customerId: 'c' }).maxRevisits).toBe(0);
  });

  it('counts fragments, and skips what @skip/@include leave out', () => {
    const viaFragment = cost(
      `query { interactions(first: 10) { nodes { ...Row } } } fragment Row on Interaction { customer { id } }`,
    );
    expect(viaFragment).toBe(1 + 10 * 2);
    expect(
      cost(`query($no: Boolean!) { interactions(first: 10) { nodes { id customer @include(if: $no) { id } } } }`, {
        no: false,
      }),
    ).toBe(1 + 10);
  });
});

// ───────────────────────────── the UI's own operations ─────────────────────────────

/** Every operation document the console, the portal and the public pages send (graphql-codegen's client preset). */
const operations = Object.entries(uiDocuments)
  .filter((entry): entry is [string, DocumentNode] => {
    const doc = entry[1] as unknown as DocumentNode;
    return (
      !!doc &&
      typeof doc === 'object' &&
      doc.kind === Kind.DOCUMENT &&
      doc.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)
    );
  })
  .map(([name, document]) => ({ name, document }));

/**
 * The operations the portal and the public pages (survey link, submit, track) send: those defined in, or whose
 * constant is used by, a file reachable through imports from src/app/{portal,s,submit,track}. Found from the code, so a new portal
 * screen is checked without anyone listing it.
 */
function portalOperationNames(): Set<string> {
  const root = process.cwd();
  const operationOf = new Map<string, string>(); // exported constant → operation name
  const operationFiles = new Set<string>();
  const walkDir = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walkDir(join(dir, e.name)) : [join(dir, e.name)],
    );
  const definitions = /(?:export )?const (\w+) = graphql\(`\s*(?:query|mutation) (\w+)/g;
  const inline = new Map<string, string[]>(); // component file → operations it defines beside its code
  for (const file of walkDir(join(root, 'src/components')).filter(
    (f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'),
  )) {
    const found = [...readFileSync(file, 'utf8').matchAll(definitions)];
    if (found.length === 0) continue;
    if (/operations\.ts$/.test(file)) operationFiles.add(file);
    else
      inline.set(
        file,
        found.map((m) => `${m[2]!}Document`),
      );
    for (const m of found) operationOf.set(m[1]!, m[2]!);
  }
  const resolveImport = (from: string, spec: string): string | undefined => {
    const base = spec.startsWith('@/')
      ? join(root, 'src', spec.slice(2))
      : spec.startsWith('.')
        ? resolve(dirname(from), spec)
        : undefined;
    if (!base) return undefined;
    return ['.ts', '.tsx', '/index.ts', '/index.tsx', '']
      .map((ext) => base + ext)
      .find((f) => existsSync(f) && statSync(f).isFile());
  };
  const seen = new Set<string>();
  const queue = ['portal', 's', 'submit', 'track'].flatMap((d) =>
    walkDir(join(root, 'src/app', d)).filter((f) => /\.tsx?$/.test(f)),
  );
  const names = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from '([^']+)'/g)) {
      const target = resolveImport(file, m[1]!);
      if (target) queue.push(target);
    }
    // The operation modules define the constants, and codegen's output names its result types after them.
    if (operationFiles.has(file) || file.startsWith(join(root, 'src/gql'))) continue;
    // A component that defines its operations beside its code sends them.
    for (const name of inline.get(file) ?? []) names.add(name);
    for (const [constant, operation] of operationOf)
      if (new RegExp(`\\b${constant}\\b`).test(text)) names.add(`${operation}Document`);
  }
  return names;
}

describe('every operation the UI sends stays within the limits (so a limit can never break a screen)', () => {
  it('finds the UI operations', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  const staff: Viewer = { kind: 'staff', userId: 'u', role: 'ADMIN', departmentId: null };
  const staffLimit = costLimitsFor(staff).maxCost;
  it.each(operations)('$name, as staff with the largest page (first: 100)', ({ document }) => {
    const value = operationCost(schema, document, sampleVariables(schema, document));
    expect(value).toBeLessThanOrEqual(staffLimit);
  });

  const portalNames = portalOperationNames();
  const portalOperations = operations.filter(({ name }) => portalNames.has(name));
  it('finds the portal and public operations (submit, track, survey link, resolution response)', () => {
    const names = [...portalNames];
    expect(names).toEqual(
      expect.arrayContaining([
        'IntakeSubmitDocument',
        'IntakeLookupDocument',
        'SurveyFormDocument',
        'SurveySubmitDocument',
        'IntakeRespondToResolutionDocument',
      ]),
    );
    expect(names).not.toContain('CallbacksOfComplaintDocument');
  });
  it.each(portalOperations)('$name, as a customer or visitor', ({ document }) => {
    for (const viewer of [
      { kind: 'customer', userId: 'u', customerId: 'c' },
      { kind: 'anonymous' },
    ] satisfies Viewer[]) {
      const limits = costLimitsFor(viewer);
      expect(operationCost(schema, document, sampleVariables(schema, document))).toBeLessThanOrEqual(limits.maxCost);
      expect(maxTypeRevisits(schema, document)).toBeLessThanOrEqual(limits.maxRevisits);
    }
  });
});
