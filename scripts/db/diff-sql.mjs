// Prints the SQL that creates prisma/schema.prisma from an empty database (used by the migration drift test).
import { readFileSync } from 'node:fs';
import { diffDatamodels, schemaPath } from './engine.mjs';

process.stdout.write(await diffDatamodels(null, readFileSync(schemaPath, 'utf8')));
