// Kefu's import boundaries, as two small local ESLint rules (no maintained plugin detects the 'use client' directive),
// and disable-needs-reason (an eslint-disable comment must say why, after `--`).
//
// client-boundary — code that runs in the browser must not import server code. A file is client code when it starts
// with the 'use client' directive or lies under one of `clientDirs` (src/components/, src/lib/data/). It may not import
// src/server/**, any *.service, *.selection or *.query module, src/generated/prisma/**, pg, pg-boss, @prisma/*, or Node's
// built-in modules (node:* and bare names). *.rules modules are pure and client-safe: always allowed. `import type` / `export type` are
// allowed (erased at compile time, nothing reaches the bundle). The build enforces the same thing at run time
// (`import 'server-only'` in every service and server module); this rule says it at the line, before a build.
//
// pure-rules — what makes a *.rules module client-safe: it may import none of the above itself (src/server only through
// the modules `pure` declares: DomainError and its keys, the permission table, …), nor 'server-only'. Type imports are
// fine. Only direct imports are checked; the modules it may import are themselves rules, pure libraries or the
// declared pure server modules.
//
// infra-boundary — shared infrastructure (src/server/**) must not depend on domain modules (src/graphql/<domain>/**)
// except through the explicit registry file(s) in `registry` (src/server/domain-registry.ts), so a reader sees every
// such dependency in one place. `exempt` lists folders under src/server that are not infrastructure but compose
// domain services by design (src/server/demo: the demo data the seed loads).
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const BUILTINS = new Set(builtinModules);

/** Repo-relative, '/'-separated path of the linted file. */
function fileOf(context) {
  return relative(context.cwd, context.filename).split(sep).join('/');
}

/** Where a specifier points: a repo-relative path without extension for '@/…' and relative imports, else null. */
function targetOf(context, specifier) {
  let path = null;
  if (specifier.startsWith('@/')) path = `src/${specifier.slice(2)}`;
  else if (specifier.startsWith('./') || specifier.startsWith('../'))
    path = relative(context.cwd, resolve(dirname(context.filename), specifier))
      .split(sep)
      .join('/');
  return path === null ? null : path.replace(/\.(tsx?|mts|cts|mjs|cjs|jsx?)$/, '');
}

/** Calls `check(node, specifier, typeOnly)` for every import, re-export and literal dynamic import() of a file. */
function importVisitors(check) {
  const declaration = (node) => {
    if (node.source && typeof node.source.value === 'string')
      check(node.source, node.source.value, node.importKind === 'type' || node.exportKind === 'type');
  };
  return {
    ImportDeclaration: declaration,
    ExportNamedDeclaration: declaration,
    ExportAllDeclaration: declaration,
    ImportExpression(node) {
      if (node.source.type === 'Literal' && typeof node.source.value === 'string')
        check(node.source, node.source.value, false);
    },
  };
}

/** Server-side roles of a module file (README § Architecture): services, selection tables, query parts. */
const SERVER_ROLE = /\.(service|selection|query)$/;

/**
 * Why a client-safe module may not import `specifier`, or null when it may. `pureServer` lists the src/server modules
 * (repo-relative, with extension) that are pure by declaration; client code may import any *.rules module.
 */
function serverOnlyReason(context, specifier, { rulesAllowed = true, pureServer = [] } = {}) {
  const target = targetOf(context, specifier);
  if (target !== null) {
    const base = target.slice(target.lastIndexOf('/') + 1);
    if (rulesAllowed && base.endsWith('.rules')) return null;
    if (target === 'src/server' || target.startsWith('src/server/'))
      return pureServer.some((file) => file.replace(/\.tsx?$/, '') === target) ? null : 'server code (src/server)';
    if (base.endsWith('.service')) return 'a service';
    if (SERVER_ROLE.test(base)) return 'a server-side module (*.selection, *.query)';
    if (target.startsWith('src/generated/prisma')) return 'the Prisma client';
    return null;
  }
  if (specifier === 'server-only') return 'server-only';
  if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0])) return 'a Node built-in module';
  if (/^(pg|pg-boss)(\/|$)/.test(specifier) || specifier.startsWith('@prisma/')) return 'a database driver';
  return null;
}

const clientBoundary = {
  meta: {
    type: 'problem',
    docs: {
      description: "Client code ('use client', src/components, src/lib/data) may not import server-only modules",
    },
    schema: [
      {
        type: 'object',
        properties: { clientDirs: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      serverImport:
        "Client code may not import '{{specifier}}' ({{reason}}): it would ship server code to the browser. Import the module's client-safe *.rules.ts, or go through GraphQL.",
    },
  },
  create(context) {
    const clientDirs = context.options[0]?.clientDirs ?? [];
    const file = fileOf(context);
    const directive = context.sourceCode.ast.body.some(
      (s) => s.type === 'ExpressionStatement' && s.directive === 'use client',
    );
    if (!directive && !clientDirs.some((dir) => file.startsWith(dir))) return {};
    return importVisitors((node, specifier, typeOnly) => {
      if (typeOnly) return;
      const reason = serverOnlyReason(context, specifier);
      if (reason) context.report({ node, messageId: 'serverImport', data: { specifier, reason } });
    });
  },
};

const pureRules = {
  meta: {
    type: 'problem',
    docs: {
      description:
        '*.rules modules are pure and client-safe: no Prisma runtime, Node built-ins, services or src/server',
    },
    schema: [
      {
        type: 'object',
        properties: { pure: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      impure:
        "A *.rules module is client-safe and may not import '{{specifier}}' ({{reason}}). Keep the pure part here and move the rest to a *.service, *.selection or *.query module; type imports are fine.",
    },
  },
  create(context) {
    const pureServer = context.options[0]?.pure ?? [];
    if (!/\.rules\.tsx?$/.test(fileOf(context))) return {};
    return importVisitors((node, specifier, typeOnly) => {
      if (typeOnly) return;
      const reason = serverOnlyReason(context, specifier, { pureServer });
      if (reason) context.report({ node, messageId: 'impure', data: { specifier, reason } });
    });
  },
};

const infraBoundary = {
  meta: {
    type: 'problem',
    docs: {
      description: 'src/server/** may not import domain modules (src/graphql/<domain>/**) except in the registry',
    },
    schema: [
      {
        type: 'object',
        properties: {
          infraDir: { type: 'string' },
          registry: { type: 'array', items: { type: 'string' } },
          exempt: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      domainImport:
        "Infrastructure may not import the domain module '{{specifier}}': reach it through {{registry}} (the one list of what src/server takes from the domains).",
    },
  },
  create(context) {
    const { infraDir = 'src/server/', registry = [], exempt = [] } = context.options[0] ?? {};
    const file = fileOf(context);
    if (!file.startsWith(infraDir) || registry.includes(file) || exempt.some((dir) => file.startsWith(dir))) return {};
    return importVisitors((node, specifier) => {
      const target = targetOf(context, specifier);
      if (target !== null && /^src\/graphql\/[^/]+\//.test(target))
        context.report({ node, messageId: 'domainImport', data: { specifier, registry: registry.join(', ') } });
    });
  },
};

// server-only-marker — every service (*.service.ts), selection table (*.selection.ts), query part (*.query.ts) and every
// module under src/server starts with `import 'server-only'`, so a build that pulls one into a client bundle fails
// (client-boundary says the same at the import line). `pure` lists the src/server modules that must stay importable
// from client-safe code — the *.rules.ts modules use DomainError and the permission table; the proxy uses the security
// headers — and so carry no marker.
const serverOnlyMarker = {
  meta: {
    type: 'problem',
    docs: { description: "Services and src/server modules start with import 'server-only' (unless declared pure)" },
    schema: [
      {
        type: 'object',
        properties: { serverDir: { type: 'string' }, pure: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      missing:
        "A service or src/server module starts with `import 'server-only';` (or, if it is pure and client code needs it, is listed as pure in eslint.config.mjs).",
      needless: "'{{file}}' is listed as pure: it may not import 'server-only' (client-safe code imports it).",
    },
  },
  create(context) {
    const { serverDir = 'src/server/', pure = [] } = context.options[0] ?? {};
    const file = fileOf(context);
    const service = SERVER_ROLE.test(file.replace(/\.tsx?$/, ''));
    if (!service && !file.startsWith(serverDir)) return {};
    return {
      Program(program) {
        const marker = program.body.find(
          (s) => s.type === 'ImportDeclaration' && s.source.value === 'server-only' && s.specifiers.length === 0,
        );
        if (pure.includes(file)) {
          if (marker) context.report({ node: marker, messageId: 'needless', data: { file } });
        } else if (!marker) context.report({ loc: { line: 1, column: 0 }, messageId: 'missing' });
      },
    };
  },
};

// disable-needs-reason — an eslint-disable comment must say why the rule is wrong there: `-- <reason>`.
const disableNeedsReason = {
  meta: {
    type: 'suggestion',
    docs: { description: 'eslint-disable comments must give a reason after --' },
    schema: [],
    messages: { noReason: 'Say why the rule is wrong here: `{{directive}} <rule> -- <reason>`.' },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const match = /^\s*(eslint-disable(?:-next-line|-line)?)\b/.exec(comment.value);
          if (match && !/\s--\s*\S/.test(comment.value))
            context.report({ loc: comment.loc, messageId: 'noReason', data: { directive: match[1] } });
        }
      },
    };
  },
};

export default {
  meta: { name: 'kefu-boundaries' },
  rules: {
    'client-boundary': clientBoundary,
    'pure-rules': pureRules,
    'infra-boundary': infraBoundary,
    'server-only-marker': serverOnlyMarker,
    'disable-needs-reason': disableNeedsReason,
  },
};
