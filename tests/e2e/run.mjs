// End-to-end test of the built page (dist/) in real headless Chromium.
//
//   trunk build --release --locked   (with node_modules/.bin first on PATH, for wasm-opt)
//   node tests/e2e/run.mjs
//
// Uses playwright-core from the repository's node_modules with Debian's /usr/bin/chromium
// (never `playwright install`). Checks: zero requests after load (and none to another origin
// during it), no console errors or CSP violations, the examples menu, paste of a Redirect URL,
// garbage input, finding -> XML navigation, accessibility (axe-core, WCAG 2 A/AA) in light and
// dark, and screenshots in tests/e2e/screenshots/. Ends with `e2e: N passed, M failed`.
import { readFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dist = process.env.E2E_DIST ? path.resolve(process.env.E2E_DIST) : path.join(root, 'dist');
const shots = path.join(here, 'screenshots');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const examples = path.join(root, 'static/examples');
const redirectUrl = readFileSync(path.join(examples, 'redirect-authnrequest.url'), 'utf8').trim();
const entraIssuer = readFileSync(path.join(examples, 'entra-response.xml'), 'utf8')
  .match(/<Issuer[^>]*>([^<]+)<\/Issuer>/)[1];

const CHROMIUM_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
// Chromium's one known, harmless message: SRI `integrity` on Trunk's wasm preload link.
const HARMLESS = [/^The `integrity` attribute is currently ignored for preload destinations that do not support subresource integrity\./];
const TEXTAREA = 'textarea[aria-label="SAML message"]';
const TIMEOUT = 15_000;

let passed = 0;
let failed = 0;
async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}\n    ${String(error?.message ?? error).split('\n').join('\n    ')}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

if (!existsSync(path.join(dist, 'index.html'))) {
  console.log('dist/index.html is missing: run `trunk build --release --locked` first');
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}
mkdirSync(shots, { recursive: true });

const server = await serve(dist);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });

/** Opens the page in a fresh context; watches console, CSP and requests. */
async function open(colorScheme) {
  const context = await browser.newContext({
    colorScheme,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const watch = { console: [], harmless: [], requests: [], foreign: [], afterLoad: [], loaded: false };
  page.on('console', (message) => {
    if (['error', 'warning'].includes(message.type())) {
      const text = message.text();
      if (HARMLESS.some((pattern) => pattern.test(text))) watch.harmless.push(text);
      else watch.console.push(`${message.type()}: ${text}`);
    }
  });
  page.on('pageerror', (error) => watch.console.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:')) return;
    watch.requests.push(url);
    if (!url.startsWith(server.url)) watch.foreign.push(url);
    if (watch.loaded) watch.afterLoad.push(url);
  });
  // Record CSP violations as events too (the init script runs through DevTools, outside the CSP).
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`);
    });
  });
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready="true"]', { timeout: TIMEOUT });
  await page.waitForSelector(TEXTAREA, { timeout: TIMEOUT });
  await page.waitForLoadState('networkidle');
  watch.loaded = true;
  return { context, page, watch };
}

/** An EntitiesDescriptor of about 24 MB: the metadata example's entity, many times over. */
function bigAggregate() {
  const metadata = readFileSync(path.join(examples, 'entra-federation-metadata.xml'), 'utf8');
  const entity = metadata.slice(metadata.indexOf('<EntityDescriptor'));
  const parts = ['<?xml version="1.0" encoding="utf-8"?>\n<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">\n'];
  const count = Math.ceil((24 * 1024 * 1024) / entity.length);
  for (let i = 0; i < count; i += 1) {
    parts.push(entity.replace(/ID="_[^"]+"/, `ID="_e${i}"`).replace(/entityID="[^"]+"/, `entityID="https://idp${i}.example.test/"`), '\n');
  }
  parts.push('</EntitiesDescriptor>\n');
  return Buffer.from(parts.join(''));
}

async function pickExample(page, id) {
  await page.click('details.menu > summary');
  await page.click(`[data-example="${id}"]`);
}

/** Clicks the first finding with a place in the XML, if there is one, and waits until its line
 *  is selected and in view in the XML pane (what the screenshots after it show). */
async function selectLocatedFinding(page) {
  const located = await page.$$('[data-finding]:has(.finding-head .loc)');
  if (located.length === 0) return;
  await located[0].click();
  await page.waitForFunction(() => {
    const box = document.querySelector('.xml');
    const line = box?.querySelector('.is-selected-mark') ?? box?.querySelector('.line.is-selected');
    if (!line) return false;
    const a = box.getBoundingClientRect();
    const b = line.getBoundingClientRect();
    return b.bottom > a.top && b.top < a.bottom;
  }, null, { timeout: TIMEOUT });
}

/** Waits until no inspection is pending: the results are fresh and "Working…" is gone. */
function settled(page) {
  return page.waitForFunction(
    () => document.querySelector('.results') !== null && document.querySelector('.results.is-stale, .working') === null,
    null, { timeout: TIMEOUT },
  );
}

/** Pastes `text` into the input and waits for its verdict. */
async function paste(page, text) {
  await page.fill(TEXTAREA, text);
  await page.waitForSelector('.verdict-line', { timeout: TIMEOUT });
  await settled(page);
}

async function detected(page) {
  return (await page.textContent('.detected', { timeout: TIMEOUT })) ?? '';
}

async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target?.join(' ')}`);
  });
}

async function finish(name, page, watch) {
  await check(`${name}: no console errors or CSP violations`, async () => {
    const csp = await page.evaluate(() => window.__csp);
    const problems = [...watch.console, ...csp.map((v) => `CSP: ${v}`)];
    assert(problems.length === 0, problems.join('\n'));
    for (const text of new Set(watch.harmless)) console.log(`    (ignored, known harmless: ${text.slice(0, 160)})`);
  });
  await check(`${name}: no request after load, none to another origin`, async () => {
    assert(watch.foreign.length === 0, `foreign requests: ${watch.foreign.join(', ')}`);
    assert(watch.afterLoad.length === 0, `requests after load: ${watch.afterLoad.join(', ')}`);
    console.log(`    (${watch.requests.length} requests during load, all same-origin; 0 after)`);
  });
}

const RUN_MAIN = !process.env.E2E_ONLY || process.env.E2E_ONLY.split(',').includes('main');
try {
  // ---- light theme: the main flow (E2E_ONLY=name,… runs only those suites; `main` is this) ----
  if (RUN_MAIN) {
    const { context, page, watch } = await open('light');

    await check('empty state explains what to paste and shows the privacy notice', async () => {
      const text = await page.textContent('body');
      assert(text.includes('Nothing leaves your browser'), 'privacy notice missing');
      assert(text.includes('SAML inspector — everything stays in your browser'), 'tagline missing');
      assert(text.includes('Paste anything'), 'empty state missing');
      assert(text.includes('Try an example'), 'examples menu missing');
    });
    await page.screenshot({ path: path.join(shots, 'empty-light.png') });

    await check('the examples menu opens, and closes on Escape', async () => {
      await page.click('details.menu > summary');
      await page.waitForSelector('[data-example="entra-response"]', { state: 'visible' });
      await page.screenshot({ path: path.join(shots, 'menu-light.png') });
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-example="entra-response"]', { state: 'hidden' });
    });

    await check('Entra example from the menu: detected, issuer in summary, findings', async () => {
      await pickExample(page, 'entra-response');
      await page.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('SAML Response'), null, { timeout: TIMEOUT });
      const phrase = await detected(page);
      assert(/base64/.test(phrase), `detected: ${phrase}`);
      await page.waitForSelector('.summary', { timeout: TIMEOUT });
      const summary = await page.textContent('.summary');
      assert(summary.includes(entraIssuer), `issuer ${entraIssuer} not in summary`);
      await page.waitForSelector('[data-finding]', { timeout: TIMEOUT });
      // The cards, grouped by severity; an old copy's time findings are one note (triage.mjs).
      const severities = await page.$$eval('.finding-group [data-finding]', (items) => items.map((i) => i.dataset.severity));
      assert(severities.every((s) => ['error', 'warning', 'info'].includes(s)), `severities: ${severities}`);
      const order = severities.map((s) => ({ error: 0, warning: 1, info: 2 })[s]);
      assert(order.every((v, i) => i === 0 || order[i - 1] <= v), `not grouped errors first: ${severities}`);
    });

    await check('clock-skew view: five SP libraries, each accepting or rejecting with a reason', async () => {
      const items = await page.$$eval('[data-view="clock-skew"] [data-sp]', (list) =>
        list.map((li) => ({ sp: li.dataset.sp, accepted: li.dataset.accepted, text: li.textContent })));
      const names = items.map((i) => i.sp).join(',');
      assert(names === 'ruby-saml,node-saml,python3-saml,crewjam/saml,Shibboleth SP', `SPs: ${names}`);
      assert(items.every((i) => ['true', 'false'].includes(i.accepted) && /accepts|rejects/.test(i.text)), JSON.stringify(items));
    });

    await selectLocatedFinding(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(shots, 'entra-light.png') });
    await page.screenshot({ path: path.join(shots, 'entra-light-full.png'), fullPage: true });

    await check('accessibility (axe-core, WCAG 2.1 A/AA), light, Entra response', async () => {
      const violations = await axe(page);
      assert(violations.length === 0, violations.join('\n'));
    });

    await check('pasting a Redirect URL detects an AuthnRequest', async () => {
      await page.fill(TEXTAREA, redirectUrl);
      await page.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('AuthnRequest'), null, { timeout: TIMEOUT });
      const phrase = await detected(page);
      assert(/Redirect URL/.test(phrase), `detected: ${phrase}`);
    });
    await page.screenshot({ path: path.join(shots, 'redirect-light.png') });

    await check('garbage gives an input-undecodable finding', async () => {
      await page.fill(TEXTAREA, 'this is %% not SAML at all ~~~');
      await page.waitForSelector('[data-finding="input-undecodable"][data-severity="error"]', { timeout: TIMEOUT });
    });

    await check('the error-response example shows the status and AADSTS message', async () => {
      await pickExample(page, 'error-response');
      await page.waitForFunction(() => document.querySelector('.summary')?.textContent.includes('RequestDenied'), null, { timeout: TIMEOUT });
      const summary = await page.textContent('.summary');
      assert(summary.includes('AADSTS50105'), 'AADSTS50105 not shown');
    });
    await check('clicking a finding with a span highlights its line in the XML', async () => {
      const located = await page.$$('[data-finding]:has(.finding-head .loc)');
      assert(located.length > 0, 'no finding with a location');
      await located[0].click();
      await page.waitForSelector('.xml .line.is-selected', { timeout: TIMEOUT });
      const visible = await page.evaluate(() => {
        const box = document.querySelector('.xml');
        const line = box.querySelector('.is-selected-mark') ?? box.querySelector('.line.is-selected');
        const a = box.getBoundingClientRect();
        const b = line.getBoundingClientRect();
        return b.bottom > a.top && b.top < a.bottom;
      });
      assert(visible, 'selected line not scrolled into the XML view');
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(shots, 'error-light.png') });

    await check('the metadata example shows its entity ID', async () => {
      await pickExample(page, 'entra-metadata');
      await page.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('metadata'), null, { timeout: TIMEOUT });
      await page.waitForFunction((issuer) => document.querySelector('.summary')?.textContent.includes(issuer), entraIssuer, { timeout: TIMEOUT });
    });
    await page.screenshot({ path: path.join(shots, 'metadata-light.png') });

    await check('dropping a file on the text area inspects it', async () => {
      const xml = readFileSync(path.join(examples, 'redirect-authnrequest.xml'), 'utf8');
      const dataTransfer = await page.evaluateHandle((text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'request.xml', { type: 'text/xml' }));
        return transfer;
      }, xml);
      await page.dispatchEvent(TEXTAREA, 'dragover', { dataTransfer });
      await page.dispatchEvent(TEXTAREA, 'drop', { dataTransfer });
      await page.waitForFunction(() => document.querySelector('.detected')?.textContent.trim() === 'AuthnRequest', null, { timeout: TIMEOUT });
      assert((await page.inputValue(TEXTAREA)) === xml, 'the dropped text is not shown in the text area');
    });

    await check('a UTF-16 file opened with "Open file" reaches the core as bytes', async () => {
      const xml = readFileSync(path.join(examples, 'error-response-aadsts50105.xml'), 'utf8');
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
      await page.setInputFiles('input[type=file]', { name: 'response-utf16.xml', mimeType: 'text/xml', buffer: utf16 });
      await page.waitForFunction(() => document.querySelector('.trail')?.textContent.includes('UTF-16'), null, { timeout: TIMEOUT });
      const phrase = await detected(page);
      assert(phrase.includes('SAML Response'), `detected: ${phrase}`);
      await page.waitForSelector('.file-note', { timeout: TIMEOUT });
    });

    await check('a 24 MB metadata file is inspected without freezing, and the view is capped', async () => {
      const started = Date.now();
      await page.setInputFiles('input[type=file]', { name: 'aggregate.xml', mimeType: 'text/xml', buffer: bigAggregate() });
      await page.waitForSelector('.file-note', { timeout: TIMEOUT });
      await page.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('EntitiesDescriptor'), null, { timeout: 120_000 });
      await page.waitForSelector('.xml-note', { timeout: TIMEOUT });
      const lines = await page.$$eval('.xml .line', (all) => all.length);
      assert(lines <= 5000, `${lines} lines rendered`);
      console.log(`    (24 MB aggregate: ${Date.now() - started} ms to results, ${lines} lines rendered)`);
    });
    await page.screenshot({ path: path.join(shots, 'big-light.png') });

    await check('narrow screens stack the panes', async () => {
      await pickExample(page, 'entra-response');
      await page.waitForSelector('.summary', { timeout: TIMEOUT });
      await page.setViewportSize({ width: 420, height: 900 });
      const [input, results] = await page.$$eval(['.column-input', '.column-results'].join(','), (cols) => cols.map((c) => c.getBoundingClientRect().top));
      assert(results > input, 'results are not below the input');
      await page.screenshot({ path: path.join(shots, 'narrow-light.png'), fullPage: true });
      await page.setViewportSize({ width: 1440, height: 900 });
    });

    await check('Clear returns to the empty state', async () => {
      await page.click('button:has-text("Clear")');
      await page.waitForSelector('.empty-state', { timeout: TIMEOUT });
      assert((await page.inputValue(TEXTAREA)) === '', 'text area not cleared');
    });

    await finish('light', page, watch);
    await context.close();
  }

  // ---- dark theme ---------------------------------------------------------------------------
  if (RUN_MAIN) {
    const { context, page, watch } = await open('dark');
    await page.screenshot({ path: path.join(shots, 'empty-dark.png') });
    await check('dark theme follows prefers-color-scheme', async () => {
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = background.match(/\d+/g).map(Number);
      assert(r + g + b < 120, `body background is not dark: ${background}`);
    });
    await check('Entra example renders in dark', async () => {
      await pickExample(page, 'entra-response');
      await page.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('SAML Response'), null, { timeout: TIMEOUT });
      await page.waitForSelector('.summary', { timeout: TIMEOUT });
    });
    await selectLocatedFinding(page);
    await page.screenshot({ path: path.join(shots, 'entra-dark.png') });
    await check('accessibility (axe-core, WCAG 2.1 A/AA), dark, Entra response', async () => {
      const violations = await axe(page);
      assert(violations.length === 0, violations.join('\n'));
    });
    await finish('dark', page, watch);
    await context.close();
  }

  // ---- feature suites: tests/e2e/features/*.mjs, each `export default async function (t)` ----
  // Each opens its own page(s) with t.open() and ends with t.finish() (console, CSP, requests).
  const featureDir = path.join(here, 'features');
  const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(',') : null;
  const features = existsSync(featureDir)
    ? readdirSync(featureDir).filter((f) => f.endsWith('.mjs')).sort()
    : [];
  for (const file of features) {
    if (only && !only.includes(file.replace(/\.mjs$/, ''))) continue;
    const { default: suite } = await import(pathToFileURL(path.join(featureDir, file)).href);
    await suite({ open, check, assert, finish, axe, pickExample, detected, settled, paste, shots, examples, root, dist, browser, server, TEXTAREA, TIMEOUT });
  }
} catch (error) {
  failed += 1;
  console.log(`not ok - the run itself failed\n    ${error?.stack ?? error}`);
} finally {
  await browser.close();
  await server.close();
}

console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
