import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** Tables, columns (type, nullability, default or generation), indexes, constraints and enums: what a migration must reproduce. */
async function catalog(db: PGlite): Promise<string[]> {
  const rows = await db.query<{ line: string }>(`
    SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' || coalesce(column_default, '')
           || CASE WHEN is_generated = 'ALWAYS' THEN 'GENERATED ALWAYS AS (' || generation_expression || ') STORED' ELSE '' END AS line
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
    UNION ALL
    SELECT 'index ' || indexname || ' ' || regexp_replace(indexdef, '^CREATE (UNIQUE )?INDEX \\S+ ', '') FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
    UNION ALL
    SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
    UNION ALL
    SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
  `);
  return rows.rows.map((r) => r.line).sort();
}

const HAND_WRITTEN_CHECKS = [
  'constraint "Escalation" Escalation_one_subject_check CHECK ((num_nonnulls("interactionId", "callbackId", "actionId", "obligationId", "workOrderId", "itineraryId") = 1))',
];
// Generated columns: schema.prisma declares them as plain optional columns (it cannot say GENERATED); the migration writes the expression.
const CLOSED = `ARRAY['RESOLVED'::"InteractionStatus", 'FOLLOW_UP_DONE'::"InteractionStatus", 'CLOSED'::"InteractionStatus", 'REJECTED'::"InteractionStatus"]`;
const HAND_WRITTEN_GENERATED = [
  `column Interaction.isAwaitingClosure bool YES GENERATED ALWAYS AS (((type = 'COMPLAINT'::"InteractionType") AND (status = 'FOLLOW_UP_DONE'::"InteractionStatus"))) STORED`,
  `column Interaction.isOpen bool YES GENERATED ALWAYS AS ((status <> ALL (${CLOSED}))) STORED`,
  `column Interaction.isOpenComplaint bool YES GENERATED ALWAYS AS (((type = 'COMPLAINT'::"InteractionType") AND (status <> ALL (${CLOSED})))) STORED`,
];
// Indexes schema.prisma cannot describe (NULLS LAST).
const HAND_WRITTEN_INDEXES = [
  'index Interaction_open_complaint_severity_idx ON public."Interaction" USING btree (severity DESC NULLS LAST, "resolutionDueAt", id) WHERE "isOpenComplaint"',
];

describe('migrations', () => {
  it('carry every change in schema.prisma (a schema change without a migration fails here)', async () => {
    // What schema.prisma describes, created from nothing by Prisma's own differ...
    const { stdout: expectedSql } = await promisify(execFile)(
      process.execPath,
      ['--experimental-wasm-modules', '--no-warnings', 'scripts/db/diff-sql.mjs'],
      { cwd: root, maxBuffer: 32 * 1024 * 1024 },
    );
    const expected = await PGlite.create();
    await expected.exec(expectedSql);
    // ...must equal what the committed migrations build.
    const migrated = await PGlite.create();
    const dir = join(root, 'prisma/migrations');
    for (const name of readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()) {
      await migrated.exec(readFileSync(join(dir, name, 'migration.sql'), 'utf8'));
    }
    const [want, all] = await Promise.all([catalog(expected), catalog(migrated)]);
    // CHECK constraints cannot be written in schema.prisma: the migrations add them by hand, named *_check.
    const handWritten = all.filter((l) => /^constraint \S+ \S+_check CHECK /.test(l));
    expect(handWritten).toEqual(HAND_WRITTEN_CHECKS);
    // A generated column must match schema.prisma's declaration (type, nullability) with the expression taken off.
    const generated = all.filter((l) => / GENERATED ALWAYS AS /.test(l));
    expect(generated).toEqual(HAND_WRITTEN_GENERATED);
    expect(all.filter((l) => HAND_WRITTEN_INDEXES.includes(l))).toEqual(HAND_WRITTEN_INDEXES);
    const have = all
      .filter((l) => !handWritten.includes(l) && !HAND_WRITTEN_INDEXES.includes(l))
      .map((l) => l.replace(/GENERATED ALWAYS AS \(.*\) STORED$/, ''));
    expect(
      have.filter((l) => !want.includes(l)),
      'in the migrations but not in schema.prisma',
    ).toEqual([]);
    expect(
      want.filter((l) => !have.includes(l)),
      'in schema.prisma but in no migration — run npm run db:migration -- <name>',
    ).toEqual([]);
    expect(have.length).toBeGreaterThan(300);
    await Promise.all([expected.close(), migrated.close()]);
    // Two in-process databases plus the schema engine: ~20 s alone, beyond the default 30 s on a loaded machine.
  }, 120_000);
});
