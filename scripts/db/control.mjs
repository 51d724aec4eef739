// The running launcher's control channel: a Unix socket in the data folder through which `npm run backup` asks the
// process that owns the embedded database for a consistent copy of it (PGlite has one backend in one process; nobody
// else may open its folder while it runs). The socket lives in a folder of mode 0700: only the owner of the data (and
// root) can reach it, so it needs no password.
//
// Protocol: the client sends one JSON line ({"op":"dump"}); the launcher answers one JSON line — {"ok":true,"bytes":N}
// followed by N bytes, or {"ok":false,"error":"…"} — and closes the connection.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/**
 * Serves `handlers` ({ dump: async () => Buffer }) on the socket `paths.control`. The caller holds the data folder's
 * lock, so a socket file left by a launcher that was killed can be removed safely.
 * @returns {Promise<{ close: () => Promise<void> }>}
 */
export async function serveControl(paths, handlers) {
  mkdirSync(paths.controlDir, { recursive: true, mode: 0o700 });
  chmodSync(paths.controlDir, 0o700);
  rmSync(paths.control, { force: true });
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('error', () => undefined); // a client that went away; nothing to answer
    socket.on('data', async (chunk) => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline === -1) return;
      socket.removeAllListeners('data');
      try {
        const { op } = JSON.parse(buffered.slice(0, newline));
        const handler = handlers[op];
        if (!handler) throw new Error(`unknown operation: ${op}`);
        const bytes = await handler();
        socket.write(`${JSON.stringify({ ok: true, bytes: bytes.length })}\n`);
        socket.end(bytes);
      } catch (error) {
        socket.end(`${JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) })}\n`);
      }
    });
  });
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(paths.control, resolveListen);
  });
  chmodSync(paths.control, 0o600);
  return {
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => {
          rmSync(paths.control, { force: true });
          resolveClose();
        });
        // A client still connected (a backup under way, or one that never asks) must not hold up the stop.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Asks the launcher serving `paths.control` to run `op`; resolves with the bytes it answers. */
export function requestControl(paths, op) {
  return new Promise((resolveRequest, reject) => {
    const socket = connect(paths.control);
    const chunks = [];
    socket.on('error', reject);
    socket.on('connect', () => socket.write(`${JSON.stringify({ op })}\n`));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      if (newline === -1) return reject(new Error('the launcher closed the control channel without an answer'));
      const header = JSON.parse(all.subarray(0, newline).toString('utf8'));
      if (!header.ok) return reject(new Error(`the launcher refused: ${header.error}`));
      const body = all.subarray(newline + 1);
      if (body.length !== header.bytes)
        return reject(new Error(`the launcher sent ${body.length} of ${header.bytes} bytes`));
      resolveRequest(body);
    });
  });
}
