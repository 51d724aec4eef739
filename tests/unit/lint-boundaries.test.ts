import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The import-boundary rules of eslint.config.mjs (eslint/rules/boundaries.mjs), run through ESLint's Node API on
// snippets placed at paths in the tree (nothing is written; no database).
const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: resolve(root, 'eslint.config.mjs'), cache: false });

async function boundaryFindings(path: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('kefu/')).map((m) => m.ruleId);
}

describe('lint: import boundaries and disable reasons', () => {
  // Loading the config and its plugins takes seconds on a busy machine: once, under the hook timeout.
  beforeAll(() => boundaryFindings('src/lib/example.ts', ''));

  it("refuses a server module in a 'use client' component, wherever it lives", async () => {
    const code = "'use client';\nimport { prisma } from '@/server/db';\nexport const n = prisma;\n";
    expect(await boundaryFindings('src/app/console/example/widget.tsx', code)).toEqual(['kefu/client-boundary']);
  });

  it('refuses services, Prisma, pg and Node built-ins anywhere under src/components (with or without the directive)', async () => {
    const code = [
      "import { getCustomer } from '@/graphql/customers/customer.service';",
      "import { PrismaClient } from '@/generated/prisma/client';",
      "import pg from 'pg';",
      "import { readFileSync } from 'node:fs';",
      'export const all = [getCustomer, PrismaClient, pg, readFileSync];',
      '',
    ].join('\n');
    expect(await boundaryFindings('src/components/example/panel.tsx', code)).toHaveLength(4);
  });

  it('lets a service import the same server module', async () => {
    const code = "import 'server-only';\nimport { prisma } from '@/server/db';\nexport const n = prisma;\n";
    expect(await boundaryFindings('src/graphql/customers/example.service.ts', code)).toEqual([]);
  });

  it('lets a client component import a client-safe *.rules module and server types', async () => {
    const code = [
      "'use client';",
      "import { MAX_ATTACHMENTS } from '@/graphql/interactions/interaction.rules';",
      "import type { Viewer } from '@/server/viewer';",
      'export const x: Viewer | number = MAX_ATTACHMENTS;',
      '',
    ].join('\n');
    expect(await boundaryFindings('src/components/example/form.tsx', code)).toEqual([]);
  });

  it('refuses a domain module in infrastructure, and allows it in the registry', async () => {
    const code =
      "import 'server-only';\nimport { runEscalationSweep } from '@/graphql/complaints/escalation.service';\nexport const f = runEscalationSweep;\n";
    expect(await boundaryFindings('src/server/queue/example.ts', code)).toEqual(['kefu/infra-boundary']);
    expect(await boundaryFindings('src/server/domain-registry.ts', code)).toEqual([]);
  });

  it('sees relative imports too', async () => {
    const code =
      "import 'server-only';\nimport { x } from '../../graphql/surveys/survey-token';\nexport const y = x;\n";
    expect(await boundaryFindings('src/server/mail/example.ts', code)).toEqual(['kefu/infra-boundary']);
  });

  it("asks every service and src/server module for import 'server-only', and the declared pure ones for none", async () => {
    const bare = "import { prisma } from '@/server/db';\nexport const n = prisma;\n";
    const marked = `import 'server-only';\n${bare}`;
    expect(await boundaryFindings('src/graphql/customers/example.service.ts', bare)).toEqual([
      'kefu/server-only-marker',
    ]);
    expect(await boundaryFindings('src/server/mail/example.ts', bare)).toEqual(['kefu/server-only-marker']);
    expect(await boundaryFindings('src/server/mail/example.ts', marked)).toEqual([]);
    // A rules module or a component is not asked (client-boundary keeps server code out of those).
    expect(await boundaryFindings('src/graphql/customers/example.rules.ts', 'export const n = 1;\n')).toEqual([]);
    // errors.ts is pure by declaration (the *.rules.ts modules throw DomainError): the marker would break them.
    expect(await boundaryFindings('src/server/errors.ts', "import 'server-only';\nexport const n = 1;\n")).toEqual([
      'kefu/server-only-marker',
    ]);
  });

  it('keeps *.rules modules pure: no Prisma runtime, Node built-ins, services, server-side modules or src/server', async () => {
    const impure = [
      "import { Prisma } from '@/generated/prisma/client';",
      "import { createHash } from 'node:crypto';",
      "import { prisma } from '@/server/db';",
      "import { getCustomer } from '@/graphql/customers/customer.service';",
      "import { CUSTOMER_SELECTION } from '../customers/customer.selection';",
      "import { keyAccountStatusWhere } from '../key-accounts/key-account-status.query';",
      "import 'server-only';",
      'export const all = [Prisma, createHash, prisma, getCustomer, CUSTOMER_SELECTION, keyAccountStatusWhere];',
      '',
    ].join('\n');
    const findings = await boundaryFindings('src/graphql/reports/example.rules.ts', impure);
    expect(findings).toEqual(Array(7).fill('kefu/pure-rules'));
    // Type imports, other rules, libraries and the declared pure server modules are fine.
    const pure = [
      "import { z } from 'zod';",
      "import type { Prisma } from '@/generated/prisma/client';",
      "import type { Tx } from '@/server/db';",
      "import { ROLE_PERMISSIONS } from '@/server/auth/policies';",
      "import { badField } from '@/server/errors';",
      "import { SEVERITIES } from '../complaints/complaint-workflow.rules';",
      'export type T = Prisma.CustomerWhereInput | Tx;',
      'export const all = [z, ROLE_PERMISSIONS, badField, SEVERITIES];',
      '',
    ].join('\n');
    expect(await boundaryFindings('src/graphql/reports/example.rules.ts', pure)).toEqual([]);
  });

  it('treats *.selection and *.query modules as server-side: the marker, and no client import', async () => {
    const bare = "import { Prisma } from '@/generated/prisma/client';\nexport const n = Prisma;\n";
    expect(await boundaryFindings('src/graphql/customers/example.selection.ts', bare)).toEqual([
      'kefu/server-only-marker',
    ]);
    expect(
      await boundaryFindings('src/graphql/key-accounts/example.query.ts', `import 'server-only';\n${bare}`),
    ).toEqual([]);
    const client =
      "'use client';\nimport { CUSTOMER_SELECTION } from '@/graphql/customers/customer.selection';\nexport const s = CUSTOMER_SELECTION;\n";
    expect(await boundaryFindings('src/components/example/panel.tsx', client)).toEqual(['kefu/client-boundary']);
  });

  it('asks an eslint-disable comment for its reason', async () => {
    const bare = '// eslint-disable-next-line prefer-const\nlet a = 1;\nexport { a };\n';
    const reasoned = '// eslint-disable-next-line prefer-const -- read before assignment\nlet a = 1;\nexport { a };\n';
    expect(await boundaryFindings('src/lib/example.ts', bare)).toEqual(['kefu/disable-needs-reason']);
    expect(await boundaryFindings('src/lib/example.ts', reasoned)).toEqual([]);
  });
});
