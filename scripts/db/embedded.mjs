// Embedded PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly) served over the PostgreSQL wire protocol on
// localhost, so Prisma, pg and pg-boss connect to it exactly as to a PostgreSQL server.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts PGlite with its data in `dataDir` (in memory when null) and serves it on 127.0.0.1.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startEmbedded({ dataDir = null, port } = {}) {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const listenPort = port ?? (await freePort());
  // PGlite has one backend: queries from all connections are queued and run one at a time.
  const server = new PGLiteSocketServer({ db, port: listenPort, host: '127.0.0.1', maxConnections: 100 });
  await server.start();
  const url = `postgresql://postgres:postgres@127.0.0.1:${listenPort}/postgres?sslmode=disable`;
  return {
    url,
    port: listenPort,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
