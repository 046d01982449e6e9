// e2e: what SECURITY.md promises about secrets a user hands the page.
//
//   E2E_DIST=… E2E_ONLY=secrets node tests/e2e/run.mjs
//
// Checks:
//   * a HAR file holds a whole sign-in — session cookies, bearer tokens, the password typed at
//     the identity provider: none of it reaches the clipboard or a share link, redacted or
//     unredacted (an unredacted link carries the message shown, never the capture);
//   * "Remember on this device" never writes a private key pasted into a drawer field to
//     localStorage (the other fields are stored).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copiedBy } from '../clipboard.mjs';

const STORAGE_KEY = 'samlscope.config.v1';
const SECRETS = ['SECRET-SESSION-COOKIE', 'SECRET-BEARER-TOKEN', 'SECRET-PASSWORD-hunter2'];

/** The fixture sign-in, with what a real capture also holds: cookies, a token, a login POST. */
function secretHar(root) {
  const har = JSON.parse(readFileSync(path.join(root, 'crates/samlscope-core/tests/fixtures/har/sign-in.har'), 'utf8'));
  const entries = har.log.entries;
  entries[0].request.headers = [
    { name: 'Cookie', value: `ESTSAUTH=${SECRETS[0]}-abc123` },
    { name: 'Authorization', value: `Bearer ${SECRETS[1]}` },
  ];
  const login = structuredClone(entries[0]);
  login.request.method = 'POST';
  login.request.url = 'https://login.microsoftonline.com/common/login';
  login.request.postData = { mimeType: 'application/x-www-form-urlencoded', text: `login=jordan.lee%40contoso.com&passwd=${SECRETS[2]}` };
  entries.splice(1, 0, login);
  return Buffer.from(JSON.stringify(har));
}

export default async function secrets(t) {
  const { check, assert, TIMEOUT } = t;
  const { context, page, watch } = await t.open('light');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.server.url });

  const copied = (selector) => copiedBy(page, () => page.click(selector), TIMEOUT);
  /** The text a share link carries, as the page restores it. */
  async function opened(link) {
    const other = await context.newPage();
    try {
      await other.goto(link, { waitUntil: 'load' });
      await other.waitForSelector('html[data-ready="true"]', { timeout: TIMEOUT });
      await other.waitForFunction((sel) => document.querySelector(sel)?.value.length > 0, t.TEXTAREA, { timeout: TIMEOUT });
      return await other.inputValue(t.TEXTAREA);
    } finally {
      await other.close();
    }
  }
  const leaked = (text) => SECRETS.filter((s) => text.includes(s));

  await check('secrets: nothing of a HAR capture but the message shown goes into a copy or a share link', async () => {
    await page.setInputFiles('input[type=file]', { name: 'sign-in.har', mimeType: 'application/json', buffer: secretHar(t.root) });
    await page.waitForSelector('.har-flow', { timeout: TIMEOUT });
    await page.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('Response'), null, { timeout: TIMEOUT });
    await page.click('[data-action="share"]');
    await page.waitForSelector('#share-panel', { state: 'visible', timeout: TIMEOUT });
    const redacted = await copied('[data-action="copy-redacted"]');
    assert(redacted.includes('<samlp:Response') && leaked(redacted).length === 0, `redacted copy: ${leaked(redacted)} ${redacted.slice(0, 80)}`);
    const link = await opened(await copied('[data-action="copy-link"]'));
    assert(link.includes('<samlp:Response') && leaked(link).length === 0, `redacted link: ${leaked(link)}`);
    await page.check('[data-option="unredacted"]');
    assert((await page.textContent('.share-warning')).includes('never the rest of the HAR file'), 'no HAR warning');
    const raw = await opened(await copied('[data-action="copy-link"]'));
    assert(leaked(raw).length === 0, `the unredacted link carries the capture's ${leaked(raw).join(', ')}`);
    assert(raw.includes('jordan.lee@contoso.com') && raw.includes('<samlp:Response'), `the unredacted link does not carry the message shown: ${raw.slice(0, 80)}`);
    await page.uncheck('[data-option="unredacted"]');
    await page.keyboard.press('Escape');
  });

  await check('secrets: "Remember on this device" never stores a private key pasted into a drawer field', async () => {
    const key = readFileSync(path.join(t.root, 'crates/samlscope-core/tests/fixtures/xmlenc/sp.key'), 'utf8');
    const keyBody = key.split('\n')[5];
    await page.click('[data-action="configure"]');
    await page.waitForSelector('#config-drawer', { timeout: TIMEOUT });
    await page.fill('#cfg-identifier', 'https://app.example.com/saml');
    await page.fill('#cfg-certificate', key);
    await page.check('#cfg-remember');
    await page.waitForFunction((k) => localStorage.getItem(k)?.includes('app.example.com'), STORAGE_KEY, { timeout: TIMEOUT });
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert(!stored.includes(keyBody) && !stored.includes('PRIVATE KEY'), `the key is in localStorage: ${stored.slice(0, 200)}`);
    assert((await page.textContent('#cfg-remember-note')).includes('never a private key'), 'the note does not say so');
    await page.click('[data-action="forget"]');
    await page.waitForFunction((k) => localStorage.getItem(k) === null, STORAGE_KEY, { timeout: TIMEOUT });
  });

  await t.finish('secrets', page, watch);
  await context.close();
}
