import 'server-only';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, type FieldDefinitionNode } from 'graphql';

/** One root field as the reference prints it: its signature and the SDL's description. */
export type RootFieldDoc = { name: string; signature: string; description: string | null };

/** One domain module's part of the API: its SDL file's heading comment and its root fields. */
export type ModuleDoc = { module: string; title: string | null; queries: RootFieldDoc[]; mutations: RootFieldDoc[] };

const sdlDir = () => join(process.cwd(), 'src/graphql');

function fieldDoc(field: FieldDefinitionNode): RootFieldDoc {
  const args = field.arguments?.length
    ? `(${field.arguments.map((a) => print({ ...a, description: undefined })).join(', ')})`
    : '';
  return {
    name: field.name.value,
    signature: `${field.name.value}${args}: ${print(field.type)}`,
    description: field.description?.value ?? null,
  };
}

/**
 * The API reference of every domain module (src/graphql/<module>/schema.graphql), read from the SDL itself: the root
 * Query and Mutation fields each module adds, with their descriptions. Modules in name order, `base` first.
 */
export function moduleDocs(): ModuleDoc[] {
  const dir = sdlDir();
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'schema.graphql')))
    .map((d) => d.name)
    .sort((a, b) => (a === 'base' ? -1 : b === 'base' ? 1 : a.localeCompare(b)))
    .map((module) => {
      const text = readFileSync(join(dir, module, 'schema.graphql'), 'utf8');
      const heading = /^#\s*(.+)$/m.exec(text.split('\n')[0] ?? '');
      const doc: ModuleDoc = { module, title: heading ? heading[1]!.trim() : null, queries: [], mutations: [] };
      for (const def of parse(text).definitions) {
        if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
        const list = def.name.value === 'Query' ? doc.queries : def.name.value === 'Mutation' ? doc.mutations : null;
        list?.push(...(def.fields ?? []).map(fieldDoc));
      }
      return doc;
    });
}
