// Preload for running server modules outside Next (tsx: the custom HTTP server, seed, bench, test subprocesses):
//   node --import tsx --import ./scripts/server-only-noop.mjs …   or   tsx --import ./scripts/server-only-noop.mjs …
// Services and src/server/** start with `import 'server-only'`, whose package throws unless resolved with the
// react-server condition (as Next does for server code, and refuses for client components: that is its point).
// Outside Next there is no client bundle to protect, so this maps 'server-only' to the package's own empty module —
// for `import` (a resolve hook) and for `require` (tsx runs this CommonJS package's .ts files as CommonJS). It does not
// switch on the react-server condition: the custom server runs Next in the same process, and React must stay as is.
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const empty = fileURLToPath(new URL('../node_modules/server-only/empty.js', import.meta.url));
const emptyUrl = new URL('../node_modules/server-only/empty.js', import.meta.url).href;

register(
  `data:text/javascript,${encodeURIComponent(`export async function resolve(specifier, context, next) {
    return specifier === 'server-only' ? { url: ${JSON.stringify(emptyUrl)}, format: 'commonjs', shortCircuit: true } : next(specifier, context);
  }`)}`,
);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'server-only' ? empty : resolveFilename.call(this, request, ...rest);
};
