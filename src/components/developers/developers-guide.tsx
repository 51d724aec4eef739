import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { API_KEY_RATE_LIMIT, API_KEY_ROTATION } from '@/graphql/admin/api-key.rules';
import { MUTATION_ACCESS, WITHOUT_API_REASONS, type MutationAccess } from '@/graphql/api-coverage.rules';
import type { ModuleDoc } from '@/graphql/sdl-reference';
import { CodeSample } from './code-sample';
import { GraphQLPlayground } from './graphql-playground';

/** The error codes an integrator meets, in the order of README "Errors". */
const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
] as const;

export const SDL_DOWNLOAD_PATH = '/api/graphql/schema';

const PAGE_QUERY = `query Customers($after: String) {
  customers(first: 50, after: $after) {
    nodes { id name }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

// One workflow step as a machine client takes it: the record's version guards the write (a stale one is CONFLICT).
const WORKFLOW_STEP = `mutation Advance($id: ID!, $version: Int!) {
  advanceComplaint(id: $id, version: $version, command: START_INVESTIGATION) {
    id status version availableCommands
  }
}`;

function curlExample(endpoint: string) {
  return `curl -sS ${endpoint} \\
  -H "Authorization: Bearer $KEFU_API_KEY" \\
  -H "content-type: application/json" \\
  -d '{"query":"{ customers(first: 5) { nodes { id name } pageInfo { hasNextPage endCursor } } }"}'`;
}

function nodeExample(endpoint: string) {
  return `// Node 18+: every customer, page by page, waiting when the key's rate limit answers 429.
const query = \`${PAGE_QUERY}\`;

async function gql(variables) {
  for (;;) {
    const res = await fetch('${endpoint}', {
      method: 'POST',
      headers: { authorization: \`Bearer \${process.env.KEFU_API_KEY}\`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    if (res.status === 429) {
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    const body = await res.json();
    if (body.errors?.length) throw new Error(\`\${body.errors[0].extensions?.code}: \${body.errors[0].message}\`);
    return body.data;
  }
}

let after = null;
do {
  const { customers } = await gql({ after });
  for (const c of customers.nodes) console.log(c.id, c.name);
  after = customers.pageInfo.hasNextPage ? customers.pageInfo.endCursor : null;
} while (after);`;
}

/** One module's root fields of one kind (Query or Mutation), each with its signature and SDL description. */
function FieldList({
  title,
  fields,
  access,
}: {
  title: string;
  fields: ModuleDoc['queries'];
  /** For mutations: who may take it through the API (the scopes, or why no key may). */
  access?: (name: string) => string | null;
}) {
  if (fields.length === 0) return null;
  return (
    <div>
      <h4 className="mt-3 mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h4>
      <dl className="space-y-2">
        {fields.map((field) => (
          <div key={field.name} data-testid="reference-field">
            <dt className="font-mono text-xs break-all text-slate-900">{field.signature}</dt>
            {access?.(field.name) ? (
              <dd className="text-xs text-slate-500" data-testid="reference-field-access">
                {access(field.name)}
              </dd>
            ) : null}
            <dd className="text-sm text-slate-600">{field.description}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export async function DevelopersGuide({
  origin,
  scopes,
  modules,
}: {
  origin: string;
  scopes: readonly string[];
  modules: ModuleDoc[];
}) {
  const t = await getTranslations('developers');
  const tScopes = await getTranslations('admin.scopes');
  const endpoint = `${origin}/api/graphql`;
  const scopeLabel = (scope: string) => {
    const key = scope.replace(':', '_');
    return tScopes.has(key) ? tScopes(key) : scope;
  };
  const described = modules.filter((m) => m.queries.length + m.mutations.length > 0);
  const accessLabel = (access: MutationAccess | undefined) =>
    !access
      ? null
      : 'scopes' in access
        ? t('coverage.needs', { scopes: access.scopes.join(' + ') })
        : t(`coverage.reasons.${access.without}.short`);
  const mutationNames = modules.flatMap((m) => m.mutations.map((f) => f.name));
  const open = mutationNames.filter((name) => {
    const access = MUTATION_ACCESS[name];
    return access && 'scopes' in access;
  });
  const closedBy = (reason: string) =>
    mutationNames.filter((name) => {
      const access = MUTATION_ACCESS[name];
      return access && 'without' in access && access.without === reason;
    });

  return (
    <div className="mx-auto max-w-5xl space-y-6 p-6">
      <Link href="/console" className="text-sm text-blue-700 hover:underline">
        {t('backToConsole')}
      </Link>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />

      <Panel title={t('endpoint')} testId="developers-endpoint">
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm">{endpoint}</code>
        <p className="mt-3 text-sm text-slate-600">{t('sdlHint')}</p>
        <a
          href={SDL_DOWNLOAD_PATH}
          download="kefu-schema.graphql"
          className="mt-2 inline-block text-sm font-medium text-blue-700 hover:underline"
          data-testid="download-sdl"
        >
          {t('downloadSdl')}
        </a>
      </Panel>

      <Panel title={t('auth.title')} testId="developers-auth">
        <p className="text-sm text-slate-700">{t('auth.body')}</p>
        <p className="mt-2 text-sm text-slate-700">
          {t('auth.rotation', { hours: API_KEY_ROTATION.defaultOverlapHours })}
        </p>
      </Panel>

      <Panel title={t('examples.title')} testId="developers-examples">
        <div className="space-y-4">
          <CodeSample title={t('examples.curl')} code={curlExample(endpoint)} testId="example-curl" />
          <CodeSample title={t('examples.node')} code={nodeExample(endpoint)} testId="example-node" />
        </div>
      </Panel>

      <Panel title={t('scopes.title')} testId="developers-scopes">
        <p className="mb-3 text-sm text-slate-700">{t('scopes.body')}</p>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
          {scopes.map((scope) => (
            <div key={scope} className="flex gap-2" data-testid="developers-scope">
              <dt className="font-mono text-xs text-slate-900">{scope}</dt>
              <dd className="text-sm text-slate-600">{scopeLabel(scope)}</dd>
            </div>
          ))}
        </dl>
      </Panel>

      <Panel title={t('coverage.title')} testId="developers-coverage">
        <p className="mb-2 text-sm text-slate-700">
          {t('coverage.body', { open: open.length, total: mutationNames.length })}
        </p>
        <p className="mb-3 text-sm text-slate-700">{t('coverage.serviceAccount')}</p>
        <dl className="space-y-3">
          {WITHOUT_API_REASONS.map((reason) => (
            <div key={reason} data-testid="developers-staff-only">
              <dt className="text-sm font-medium text-slate-900">{t(`coverage.reasons.${reason}.title`)}</dt>
              <dd className="text-sm text-slate-600">{t(`coverage.reasons.${reason}.body`)}</dd>
              <dd className="font-mono text-xs break-words text-slate-500">{closedBy(reason).join(', ')}</dd>
            </div>
          ))}
        </dl>
      </Panel>

      <Panel title={t('workflow.title')} testId="developers-workflow">
        <p className="mb-2 text-sm text-slate-700">{t('workflow.body')}</p>
        <p className="mb-3 text-sm text-slate-700">{t('workflow.serviceAccount')}</p>
        <CodeSample title="GraphQL" code={WORKFLOW_STEP} />
      </Panel>

      <Panel title={t('errors.title')} testId="developers-errors">
        <p className="mb-3 text-sm text-slate-700">{t('errors.body')}</p>
        <dl className="space-y-2">
          {ERROR_CODES.map((code) => (
            <div key={code}>
              <dt className="font-mono text-xs text-slate-900">{code}</dt>
              <dd className="text-sm text-slate-600">{t(`errors.codes.${code}`)}</dd>
            </div>
          ))}
        </dl>
      </Panel>

      <Panel title={t('pagination.title')} testId="developers-pagination">
        <p className="mb-3 text-sm text-slate-700">{t('pagination.body')}</p>
        <CodeSample title="GraphQL" code={PAGE_QUERY} />
      </Panel>

      <Panel title={t('rateLimits.title')} testId="developers-rate-limits">
        <p className="text-sm text-slate-700">
          {t('rateLimits.body', {
            perMinute: API_KEY_RATE_LIMIT.defaultPerMinute,
            min: API_KEY_RATE_LIMIT.minPerMinute,
            max: API_KEY_RATE_LIMIT.maxPerMinute,
          })}
        </p>
      </Panel>

      <Panel title={t('playground.title')} testId="developers-playground">
        <GraphQLPlayground />
      </Panel>

      <Panel title={t('reference.title')} testId="developers-reference">
        <p className="mb-3 text-sm text-slate-700">{t('reference.body')}</p>
        <div className="space-y-2">
          {described.map((doc) => (
            <details key={doc.module} className="rounded border border-slate-200 p-3" data-testid="reference-module">
              <summary className="cursor-pointer text-sm font-medium">
                {doc.title ?? doc.module}{' '}
                <span className="font-mono text-xs text-slate-500">
                  {doc.module} · {t('reference.fields', { count: doc.queries.length + doc.mutations.length })}
                </span>
              </summary>
              <FieldList title={t('reference.queries')} fields={doc.queries} />
              <FieldList
                title={t('reference.mutations')}
                fields={doc.mutations}
                access={(name) => accessLabel(MUTATION_ACCESS[name])}
              />
            </details>
          ))}
        </div>
      </Panel>
    </div>
  );
}
