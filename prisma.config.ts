import { defineConfig } from 'prisma/config';

// Prisma CLI configuration. The native schema engine cannot be downloaded on our machines, so migrations are
// authored and applied by scripts/db/*.mjs through Prisma's WebAssembly schema engine (see README).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/kefu' },
});
