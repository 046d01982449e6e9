// The static file server of the serve command (scripts/serve.sh) and of the end-to-end tests
// (no dependencies). Serves one directory on 127.0.0.1 with correct MIME types
// (application/wasm for streaming instantiation) and the response headers every host of
// samlscope must send (docs/hosting.md): the Content-Security-Policy as a header, with
// `frame-ancestors 'none'` (a <meta> policy cannot forbid framing), Referrer-Policy,
// X-Content-Type-Options, X-Frame-Options, and Cache-Control — a year, immutable, for Trunk's
// hashed files; revalidate every time for everything else (index.html, sw.js, rules.html …).
//
// docs/hosting/nginx.conf, docs/hosting/Caddyfile and static/_headers say the same; the e2e
// suite tests/e2e/features/hosting.mjs checks that they, this file and index.html's <meta>
// policy agree, file by file of a real build.
//
// Usage as a script: node tests/e2e/serve.mjs [dir=dist] [port=8080] [path=/]
//   e.g. `node tests/e2e/serve.mjs dist 8080 /tools/samlscope/` serves dist/ under that path.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** index.html's <meta> policy, plus `frame-ancestors 'none'`, which only a header can carry. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Sent with every response (errors too). */
export const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  // For browsers without CSP frame-ancestors; where both are known, the CSP decides.
  'x-frame-options': 'DENY',
};

/** Trunk's content-hashed files: `<stem>-<hash>.js|css`, `<stem>-<hash>_bg.wasm`, the hash
 *  being 64-bit hex (`{:x}`, so at most 16 digits; 8 or more but for one file in 2^32). */
export const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;
/** A year, never revalidated: a hashed file's content never changes under its name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Stored, but revalidated before each use: a new version is seen at once. */
export const REVALIDATE = 'no-cache';

/** Cache-Control for a request path. */
export function cacheControl(pathname) {
  return HASHED.test(pathname) ? IMMUTABLE : REVALIDATE;
}

/** The headers samlscope's host sends for a request path (content type aside). */
export function headersFor(pathname) {
  return { ...SECURITY_HEADERS, 'cache-control': cacheControl(pathname) };
}

/**
 * Serves `root`; resolves to { url, origin, requests, close } once listening.
 *   options.base     the path dist/ is served under ('/' by default, e.g. '/tools/samlscope/');
 *                    `url` ends with it, and anything outside it is 404
 *   options.host     the address to listen on (127.0.0.1)
 *   options.security false: send none of the security headers (a host that ignores
 *                    docs/hosting.md; the e2e control case)
 */
export function serve(root, port = 0, options = {}) {
  const { base: basePath = '/', host = '127.0.0.1', security = true } = options;
  const prefix = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const dir = path.resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const send = (status, headers, body) => {
      const all = { ...(security ? SECURITY_HEADERS : {}), ...headers };
      if (body !== undefined) all['content-length'] = body.length;
      res.writeHead(status, all);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const text = (status, message, extra = {}) =>
      send(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra }, Buffer.from(message));
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        text(405, 'method not allowed', { allow: 'GET, HEAD' });
        return;
      }
      const pathname = new URL(req.url, 'http://x').pathname;
      if (`${pathname}/` === prefix) {
        text(301, 'moved', { location: prefix });
        return;
      }
      if (!pathname.startsWith(prefix)) {
        text(404, 'not found');
        return;
      }
      const relative = decodeURIComponent(pathname.slice(prefix.length));
      let file = path.resolve(dir, `./${relative}`);
      if (file !== dir && !file.startsWith(dir + path.sep)) {
        text(403, 'forbidden');
        return;
      }
      if ((await stat(file)).isDirectory()) {
        if (!pathname.endsWith('/')) {
          text(301, 'moved', { location: `${pathname}/` });
          return;
        }
        file = path.join(file, 'index.html');
      }
      const body = await readFile(file);
      send(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': cacheControl(pathname),
      }, body);
    } catch {
      text(404, 'not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      const origin = `http://${host}:${bound}`;
      resolve({
        url: `${origin}${prefix}`,
        origin,
        requests,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080', base = '/'] = process.argv.slice(2);
  const { url } = await serve(dir, Number(port), { base });
  console.log(`serving ${dir} at ${url}`);
}
