// e2e: hosting — the response headers every host must send (docs/hosting.md), and the page
// under them.
//
//   E2E_DIST=… E2E_ONLY=hosting node tests/e2e/run.mjs
//
// Checks:
//   * the header policy of the serve command (tests/e2e/serve.mjs) is index.html's <meta>
//     policy plus `frame-ancestors 'none'`, and docs/hosting/nginx.conf, docs/hosting/Caddyfile
//     and static/_headers give every file of dist/ the same headers as the serve command (read
//     from the files; and, when nginx or Caddy is installed, served by them for real);
//   * the serve command's headers on index.html, a hashed file, the service worker, an error;
//   * a page on another origin cannot frame samlscope (and can, as a control, when the host
//     sends no headers: so the test sees a framed page when there is one);
//   * under a sub-path (/tools/samlscope/): the page loads, its service worker's scope is that
//     path, an example gives findings, a finding's rule link opens rules.html, no CSP
//     violation, and no request leaves that path.
import { spawn, spawnSync } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CSP, HASHED, IMMUTABLE, REVALIDATE, SECURITY_HEADERS, headersFor, serve } from '../serve.mjs';

const SUBPATH = '/tools/samlscope/';
/** The headers compared between hosts (content type aside). */
const COMPARED = [...Object.keys(SECURITY_HEADERS), 'cache-control'];

/** A Content-Security-Policy as { directive: 'sorted sources' }. */
function parseCsp(policy) {
  const out = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = sources.sort().join(' ');
  }
  return out;
}

function metaCsp(html) {
  const match = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
  if (!match) throw new Error('no <meta http-equiv="Content-Security-Policy">');
  return match[1];
}

/** Every file of `dir`, as paths relative to it with '/' separators. */
function filesOf(dir, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesOf(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/** The paths a host serves for dist/ at `base`: the directory itself and every file. */
function servedPaths(dist, base = '/') {
  return [base, ...filesOf(dist).map((f) => `${base}${f}`)];
}

/** The headers `headersFor` gives, for comparison. */
function expected(pathname) {
  // The directory is served as its index.html.
  return headersFor(pathname.endsWith('/') ? `${pathname}index.html` : pathname);
}

/** The first problems (each once), and how many more. */
function report(problems) {
  const unique = [...new Set(problems)];
  return unique.slice(0, 8).join('\n') + (unique.length > 8 ? `\n… and ${unique.length - 8} more` : '');
}

function differences(label, pathname, got) {
  const want = expected(pathname);
  return COMPARED.filter((name) => got[name] !== want[name]).map(
    (name) => `${label} ${pathname}: ${name} is ${JSON.stringify(got[name])}, the serve command sends ${JSON.stringify(want[name])}`,
  );
}

// ---- static/_headers: rules of "pattern" lines and indented "Name: value" lines -----------
function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (/^\S/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
    } else {
      const colon = line.indexOf(':');
      rules.at(-1).headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

/** What a _headers host sends for `pathname`; two matching rules setting one header is an
 *  error (Cloudflare joins the values with a comma, Netlify takes one). */
function headersFileFor(rules, pathname, problems) {
  const out = {};
  for (const { pattern, headers } of rules) {
    const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    if (!regex.test(pathname)) continue;
    for (const [name, value] of headers) {
      if (name in out) problems.push(`_headers ${pathname}: two rules set ${name}`);
      out[name] = value;
    }
  }
  return out;
}

// ---- docs/hosting/nginx.conf: one map for Cache-Control, add_header lines -------------------
function nginxHeadersFor(conf, pathname, problems) {
  const location = conf.match(/^\s*location\s+(\S+)\s*\{/m);
  if (location?.[1] !== SUBPATH) problems.push(`nginx.conf: the location is not ${SUBPATH}`);
  const map = conf.match(/^map \$uri \$(\w+) \{\n([\s\S]*?)\n\}/m);
  const entries = [...(map?.[2] ?? '').matchAll(/^\s*(?:"~([^"]+)"|(default))\s+"([^"]*)";/gm)];
  for (const [, regex] of entries) {
    if (regex !== undefined && regex !== HASHED.source) problems.push(`nginx.conf: the map's regex ${regex} is not the serve command's ${HASHED.source}`);
  }
  const out = {};
  for (const [, name, quoted, variable, always] of conf.matchAll(/^\s*add_header\s+(\S+)\s+(?:"([^"]*)"|\$(\w+))(\s+always)?;/gm)) {
    if (!always) problems.push(`nginx.conf: add_header ${name} without always (error responses would lack it)`);
    let value = quoted;
    if (variable !== undefined) {
      if (variable !== map?.[1]) problems.push(`nginx.conf: $${variable} is no map of $uri`);
      value = entries.find(([, regex, isDefault]) => isDefault || new RegExp(regex).test(pathname))?.[3];
    }
    out[name.toLowerCase()] = value;
  }
  return out;
}

// ---- docs/hosting/Caddyfile: named matchers (path, path_regexp, not path_regexp), header ----
/** The site block's directives: { head, body } (body: the lines of a `head {` … `}` block). */
function caddyDirectives(conf) {
  const lines = conf.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const directives = [];
  let depth = 0;
  for (const line of lines) {
    if (line === '}') {
      depth -= 1;
      continue;
    }
    if (depth === 1) directives.push({ head: line.replace(/\s*\{$/, ''), body: [] });
    else if (depth === 2) directives.at(-1).body.push(line);
    if (line.endsWith('{')) depth += 1;
  }
  return directives;
}

function caddyHeadersFor(conf, pathname, problems) {
  const directives = caddyDirectives(conf);
  const matchers = {};
  for (const { head, body } of directives) {
    const named = head.match(/^@(\w+)(?:\s+(.+))?$/);
    if (named) matchers[named[1]] = named[2] ? [named[2]] : body;
  }
  const matches = (name) =>
    (matchers[name] ?? [`(no matcher @${name})`]).every((line) => {
      const [, negate, kind, arg] = line.match(/^(not\s+)?(\w+)\s+(.+)$/) ?? [];
      let hit = false;
      if (kind === 'path') hit = arg.endsWith('*') ? pathname.startsWith(arg.slice(0, -1)) : pathname === arg;
      else if (kind === 'path_regexp') {
        if (arg !== HASHED.source) problems.push(`Caddyfile: @${name}'s regex ${arg} is not the serve command's ${HASHED.source}`);
        hit = new RegExp(arg).test(pathname);
      }
      else problems.push(`Caddyfile: matcher @${name}: cannot read ${JSON.stringify(line)}`);
      return negate ? !hit : hit;
    });
  const out = {};
  const unquote = (v) => v.trim().replace(/^"(.*)"$/, '$1');
  for (const { head, body } of directives) {
    const header = head.match(/^header\s+@(\w+)(?:\s+([\w-]+)\s+(.+))?$/);
    if (!header || !matches(header[1])) continue;
    const pairs = header[2] ? [[header[2], header[3]]] : body.map((l) => l.match(/^(\S+)\s+(.+)$/).slice(1));
    for (const [name, value] of pairs) {
      if (name.toLowerCase() in out) problems.push(`Caddyfile ${pathname}: two header directives set ${name}`);
      out[name.toLowerCase()] = unquote(value);
    }
  }
  return out;
}

// ---- real nginx and Caddy, when installed -----------------------------------------------
function installed(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `command` until `url` answers; returns stop(). */
async function startServer(command, args, env, url, logFile) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(url);
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill();
        writeFileSync(logFile, output);
        throw new Error(`${command} did not start (log: ${logFile}):\n${output.slice(-1500)}`);
      }
      // A polling interval, not a fixed wait: no event says when the server process listens,
      // so it is asked again until it answers (or exits, or the deadline passes).
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return async () => {
    child.kill('SIGTERM');
    await exited;
  };
}

/** Fetches every path and compares the headers with the serve command's; also .wasm's type. */
async function compareServed(label, origin, paths) {
  const problems = [];
  for (const pathname of paths) {
    const response = await fetch(`${origin}${pathname}`, { redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 200) {
      problems.push(`${label} ${pathname}: status ${response.status}`);
      continue;
    }
    problems.push(...differences(label, pathname, Object.fromEntries(response.headers)));
    if (pathname.endsWith('.wasm') && response.headers.get('content-type') !== 'application/wasm') {
      problems.push(`${label} ${pathname}: content-type ${response.headers.get('content-type')}`);
    }
  }
  return problems;
}

export default async function hosting(t) {
  const { check, assert, TIMEOUT } = t;
  const dist = t.dist;
  const read = (...parts) => readFileSync(path.join(t.root, ...parts), 'utf8');

  await check('hosting: the header policy is index.html\'s <meta> policy plus frame-ancestors \'none\' (source and dist/)', async () => {
    const header = parseCsp(CSP);
    assert(header['frame-ancestors'] === "'none'", `frame-ancestors is ${header['frame-ancestors']}`);
    const { 'frame-ancestors': _, ...rest } = header;
    for (const [label, html] of [['index.html', read('index.html')], ['dist/index.html', readFileSync(path.join(dist, 'index.html'), 'utf8')]]) {
      const meta = parseCsp(metaCsp(html));
      assert(JSON.stringify(meta) === JSON.stringify(rest), `${label}'s <meta> policy and the header differ:\n  meta   ${JSON.stringify(meta)}\n  header ${JSON.stringify(rest)}`);
    }
  });

  await check('hosting: _headers, nginx.conf and Caddyfile give every file of dist/ the serve command\'s headers', async () => {
    assert(existsSync(path.join(dist, '_headers')), 'dist/_headers is missing (the copy-file link in index.html)');
    assert(readFileSync(path.join(dist, '_headers'), 'utf8') === read('static/_headers'), 'dist/_headers is not static/_headers');
    const problems = [];
    const rules = parseHeadersFile(read('static/_headers'));
    const nginx = read('docs/hosting/nginx.conf');
    const caddy = read('docs/hosting/Caddyfile');
    for (const pathname of servedPaths(dist).filter((p) => p !== '/_headers')) {
      problems.push(...differences('_headers', pathname, headersFileFor(rules, pathname, problems)));
    }
    for (const pathname of servedPaths(dist, SUBPATH)) {
      problems.push(...differences('nginx.conf', pathname, nginxHeadersFor(nginx, pathname, problems)));
      problems.push(...differences('Caddyfile', pathname, caddyHeadersFor(caddy, pathname, problems)));
    }
    // The service worker tells hashed files by the same pattern (cache first only for them).
    if (!readFileSync(path.join(dist, 'sw.js'), 'utf8').includes(`const HASHED = /${HASHED.source}/;`)) {
      problems.push(`sw.js: its HASHED is not the serve command's /${HASHED.source}/`);
    }
    // Both classes are present in a build, so both cache rules were compared.
    const files = filesOf(dist);
    assert(files.some((f) => HASHED.test(f)) && files.some((f) => !HASHED.test(f)), `hashed and unhashed files expected: ${files}`);
    assert(problems.length === 0, report(problems));
  });

  for (const [name, command] of [['nginx', 'nginx'], ['Caddy', 'caddy']]) {
    await check(`hosting: docs/hosting's ${name} configuration, run by ${name}, sends them for every file of dist/`, async () => {
      if (!installed(command)) {
        console.log(`    (notice: ${command} is not installed; only its configuration file was compared)`);
        return;
      }
      const scratch = mkdtempSync(path.join(tmpdir(), `samlscope-${command}-`));
      chmodSync(scratch, 0o755);
      try {
        const www = path.join(scratch, 'www');
        mkdirSync(path.join(www, 'tools'), { recursive: true });
        symlinkSync(path.resolve(dist), path.join(www, 'tools', 'samlscope'));
        const port = await freePort();
        const origin = `http://127.0.0.1:${port}`;
        let stop;
        if (command === 'nginx') {
          const site = read('docs/hosting/nginx.conf')
            .replace(/^\s*(listen|server_name|ssl_certificate|ssl_certificate_key)\b[^;]*;\n/gm, '')
            .replace(/server \{\n/, `server {\n    listen 127.0.0.1:${port};\n`)
            .replace('root /srv/www;', `root ${www};`);
          const conf = path.join(scratch, 'nginx.conf');
          writeFileSync(conf, [
            process.getuid?.() === 0 ? 'user root;' : '',
            `daemon off; worker_processes 1; pid ${scratch}/nginx.pid; error_log ${scratch}/error.log;`,
            'events {}',
            `http { include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;`,
            `  client_body_temp_path ${scratch}/body; proxy_temp_path ${scratch}/proxy; fastcgi_temp_path ${scratch}/fastcgi;`,
            `  uwsgi_temp_path ${scratch}/uwsgi; scgi_temp_path ${scratch}/scgi;`,
            site,
            '}',
          ].join('\n'));
          stop = await startServer('nginx', ['-p', scratch, '-c', conf], {}, origin, path.join(scratch, '..', 'samlscope-nginx.log'));
        } else {
          const site = read('docs/hosting/Caddyfile')
            .replace('samlscope.example.com {', `http://127.0.0.1:${port} {`)
            .replace('root * /srv/www', `root * ${www}`);
          const conf = path.join(scratch, 'Caddyfile');
          writeFileSync(conf, `{\n\tadmin off\n}\n${site}`);
          const env = { HOME: scratch, XDG_DATA_HOME: scratch, XDG_CONFIG_HOME: scratch };
          stop = await startServer('caddy', ['run', '--config', conf, '--adapter', 'caddyfile'], env, origin, path.join(scratch, '..', 'samlscope-caddy.log'));
        }
        try {
          const paths = servedPaths(dist, SUBPATH).filter((p) => !p.endsWith('/_headers'));
          const problems = await compareServed(name, origin, paths);
          assert(problems.length === 0, report(problems));
          console.log(`    (${name}: ${paths.length} paths under ${SUBPATH}, the same headers as the serve command)`);
        } finally {
          await stop();
        }
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  }

  await check('hosting: the serve command sends the headers (index.html, a hashed file, sw.js, rules.html, a 404)', async () => {
    const files = filesOf(dist);
    const hashed = files.find((f) => f.endsWith('_bg.wasm'));
    assert(hashed && HASHED.test(hashed), `no hashed wasm in dist/: ${files}`);
    const cases = [['', REVALIDATE], ['index.html', REVALIDATE], [hashed, IMMUTABLE], ['sw.js', REVALIDATE], ['rules.html', REVALIDATE]];
    for (const [file, cache] of cases) {
      const response = await fetch(`${t.server.url}${file}`);
      await response.arrayBuffer();
      const got = Object.fromEntries(response.headers);
      assert(response.status === 200, `/${file}: ${response.status}`);
      assert(got['cache-control'] === cache, `/${file}: cache-control ${got['cache-control']}`);
      assert(parseCsp(got['content-security-policy'] ?? '')['frame-ancestors'] === "'none'", `/${file}: CSP ${got['content-security-policy']}`);
      assert(got['referrer-policy'] === 'no-referrer' && got['x-content-type-options'] === 'nosniff', `/${file}: ${JSON.stringify(got)}`);
    }
    const missing = await fetch(`${t.server.url}no-such-file.js`);
    assert(missing.status === 404 && missing.headers.get('content-security-policy') === CSP, 'a 404 without the CSP');
  });

  // ---- framing ----------------------------------------------------------------------------
  // The framing page is on another origin (localhost, not 127.0.0.1) and sends no headers.
  const framer = createHttpServer((req, res) => {
    const src = new URL(req.url, 'http://x').searchParams.get('src') ?? '';
    const escaped = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>another site</title><h1>another site</h1><iframe id="victim" src="${escaped}" width="1000" height="700"></iframe>`);
  });
  await new Promise((resolve) => framer.listen(0, '127.0.0.1', resolve));
  const framerUrl = (src) => `http://localhost:${framer.address().port}/?src=${encodeURIComponent(src)}`;
  const unprotected = await serve(dist, 0, { security: false });
  let context;
  try {
    context = await t.browser.newContext({ viewport: { width: 1280, height: 900 } });
    /** Opens the framing page around `src`; the frame's state once it has loaded. */
    async function frame(src, origin, requests) {
      const page = await context.newPage();
      const messages = [];
      page.on('console', (m) => messages.push(m.text()));
      const before = requests.length;
      await page.goto(framerUrl(src), { waitUntil: 'load' });
      const child = page.frames().find((f) => f !== page.mainFrame());
      // The page's own files would be fetched by a running app: wait for them, a while.
      const ready = await child
        ?.waitForSelector('html[data-ready="true"]', { timeout: 5_000 })
        .then(() => true, () => false);
      const state = {
        url: child?.url(),
        ready,
        appFiles: requests.slice(before).filter((r) => HASHED.test(new URL(r, origin).pathname)),
        messages,
      };
      await page.close();
      return state;
    }

    await check('hosting: a page on another origin cannot frame samlscope (frame-ancestors \'none\')', async () => {
      const state = await frame(t.server.url, t.server.origin, t.server.requests);
      assert(!state.ready, 'the framed page started');
      assert(state.appFiles.length === 0, `the frame loaded the app's files: ${state.appFiles}`);
      assert(state.url !== t.server.url, `the frame shows ${state.url}`);
      const refusal = state.messages.find((m) => /frame-ancestors/.test(m));
      assert(refusal, `no frame-ancestors refusal in the console: ${state.messages.join(' | ')}`);
      console.log(`    (the frame shows ${state.url}; console: ${refusal.slice(0, 140)})`);
    });

    await check('hosting: control — without the headers, the same framing page frames a working samlscope', async () => {
      const state = await frame(unprotected.url, unprotected.origin, unprotected.requests);
      assert(state.ready, `the unprotected page did not start in the frame (${state.url})`);
      assert(state.appFiles.length > 0, 'no app file was fetched');
    });
  } finally {
    await context?.close();
    await unprotected.close();
    await new Promise((resolve) => framer.close(resolve));
  }

  // ---- under a sub-path ---------------------------------------------------------------------
  // From a copy of dist/, so that a file can change between two loads (a new version).
  const copy = mkdtempSync(path.join(tmpdir(), 'samlscope-dist-'));
  cpSync(dist, copy, { recursive: true });
  const sub = await serve(copy, 0, { base: SUBPATH });
  let subContext;
  try {
    subContext = await t.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const requests = [];
    subContext.on('request', (r) => requests.push(r.url()));
    await subContext.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`));
    });
    const page = await subContext.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await check(`hosting: under ${SUBPATH} the page loads with its headers, and its service worker's scope is that path`, async () => {
      const response = await page.goto(sub.url, { waitUntil: 'load' });
      const headers = response.headers();
      assert(headers['cache-control'] === REVALIDATE && headers['content-security-policy'] === CSP, JSON.stringify(headers));
      await page.waitForSelector('html[data-ready="true"]', { timeout: TIMEOUT });
      const registrations = await page.evaluate(async () =>
        (await navigator.serviceWorker.getRegistrations()).map((r) => `${r.scope} ${(r.active ?? r.installing ?? r.waiting)?.scriptURL}`));
      assert(registrations.length === 1 && registrations[0] === `${sub.url} ${sub.url}sw.js`, `service workers: ${registrations.join(', ') || 'none'}`);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: TIMEOUT });
    });

    await check(`hosting: under ${SUBPATH} an example gives findings, and a finding's rule link opens rules.html`, async () => {
      await t.pickExample(page, 'entra-response');
      await page.waitForSelector('[data-finding]', { timeout: TIMEOUT });
      const item = page.locator('[data-finding]').first();
      const rule = await item.getAttribute('data-finding');
      const [docs] = await Promise.all([subContext.waitForEvent('page', { timeout: TIMEOUT }), item.locator('a.rule-docs').click()]);
      await docs.waitForLoadState('load');
      assert(docs.url() === `${sub.url}rules.html#${rule}`, `rules page at ${docs.url()}`);
      await docs.waitForSelector(`article#${rule}`, { state: 'visible', timeout: TIMEOUT });
      const styled = await docs.evaluate(() => getComputedStyle(document.body).fontFamily);
      assert(!/^"?Times/.test(styled), `rules.css not applied: ${styled}`);
      const violations = [...(await page.evaluate(() => window.__csp)), ...(await docs.evaluate(() => window.__csp))];
      assert(violations.length === 0 && errors.length === 0, [...violations, ...errors].join('\n'));
      await docs.close();
    });

    await check(`hosting: under ${SUBPATH} no request leaves that path`, async () => {
      const outside = [...requests.filter((u) => !u.startsWith('data:')), ...sub.requests.map((r) => `${sub.origin}${r}`)]
        .filter((u) => !u.startsWith(sub.url));
      assert(outside.length === 0, `requests outside ${SUBPATH}: ${[...new Set(outside)].join(', ')}`);
      assert(sub.requests.length > 5, `only ${sub.requests.length} requests seen`);
      console.log(`    (${sub.requests.length} requests reached the server, all under ${SUBPATH})`);
    });

    await check('hosting: the service worker serves a changed rules.css or snippet at once, and hashed files from its cache', async () => {
      const files = filesOf(copy);
      const snippet = files.find((f) => f.startsWith('snippets/'));
      const wasm = files.find((f) => f.endsWith('_bg.wasm'));
      assert(snippet && wasm, `no snippet or wasm in ${files}`);
      assert(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is not controlled');
      // Both were fetched (and kept) already: the app imported the snippet, rules.html its CSS.
      appendFileSync(path.join(copy, 'rules.css'), '\n/* version 2 */\n');
      appendFileSync(path.join(copy, snippet), '\n// version 2\n');
      const [css, js] = await page.evaluate(
        (urls) => Promise.all(urls.map((u) => fetch(u).then((r) => r.text()))),
        ['rules.css', snippet],
      );
      assert(css.includes('version 2'), 'rules.css: the worker served the copy it kept');
      assert(js.includes('version 2'), `${snippet}: the worker served the copy it kept`);
      const before = sub.requests.length;
      await page.evaluate((u) => fetch(u).then((r) => r.arrayBuffer()), wasm);
      assert(sub.requests.length === before, `the hashed ${wasm} was fetched again: ${sub.requests.slice(before)}`);
    });
  } finally {
    await subContext?.close();
    await sub.close();
    rmSync(copy, { recursive: true, force: true });
  }
}
