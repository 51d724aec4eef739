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
 * @returns {Promise<{ url: string, port: number, dumpDataDir: () => Promise<Buffer>, stop: () => Promise<void> }>}
 */
export async function startEmbedded({ dataDir = null, port } = {}) {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const listenPort = port ?? (await freePort());
  // PGlite has one backend: queries from all connections are queued and run one at a time.
  const server = new PGLiteSocketServer({ db, port: listenPort, host: '127.0.0.1', maxConnections: 100 });
  keepExtendedQueriesTogether(server, db);
  await server.start();
  const url = `postgresql://postgres:postgres@127.0.0.1:${listenPort}/postgres?sslmode=disable`;
  return {
    url,
    port: listenPort,
    /**
     * A tar of the data folder, taken while PGlite runs no query (it holds the query lock): a crash-consistent copy,
     * which PostgreSQL's recovery on load brings to the last commit before it. Uncompressed, because every query of
     * the app waits meanwhile: reading 45 MB takes about 0.5 s here, gzip inside the lock about 2.5 s — longer than
     * Prisma waits to start a transaction (2 s). The backup archive compresses it afterwards.
     */
    async dumpDataDir() {
      const blob = await db.dumpDataDir('none');
      return Buffer.from(await blob.arrayBuffer());
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * pglite-socket 0.2.17 queues each wire-protocol message on its own, so outside a transaction the Parse/Bind/Execute/
 * Sync of two connections can interleave on PGlite's single backend; the second Parse then replaces the first's
 * unnamed statement ("bind message supplies 4 parameters, but prepared statement "" requires 2"). Concurrent
 * requests hit this at once. Here a connection that has begun an extended-protocol exchange keeps the backend
 * until its Sync, as it already does for the length of a transaction.
 */
function keepExtendedQueriesTogether(server, db) {
  const queue = server.queryQueue;
  if (!queue || typeof queue.processQueue !== 'function' || !Array.isArray(queue.queue)) return;
  const SYNC = 0x53; // 'S'
  const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // Parse, Bind, Describe, Execute, Close, Flush
  let owner = null; // handler id in the middle of an extended-protocol exchange
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    if (owner === handlerId) owner = null;
    return clear(handlerId);
  };
  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const holder = owner ?? (db.isInTransaction() && this.lastHandlerId ? this.lastHandlerId : null);
        let item;
        if (holder !== null) {
          const index = this.queue.findIndex((q) => q.handlerId === holder);
          if (index === -1) break; // wait for the holder's next message; enqueue() restarts processing
          item = this.queue.splice(index, 1)[0];
        } else item = this.queue.shift();
        const type = item.message[0];
        if (type === SYNC) owner = null;
        else if (EXTENDED.has(type)) owner = item.handlerId;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(item.message, { onRawData: (data) => item.onData(data) }),
          );
        } catch (error) {
          if (owner === item.handlerId) owner = null;
          item.reject(error);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        item.resolve(0);
      }
    } finally {
      this.processing = false;
    }
  };
}
