// e2e: the Share menu (redacted copy, download, share link) and offline use (service worker).
//
//   E2E_DIST=… E2E_ONLY=share node tests/e2e/run.mjs
//
// Checks: Copy redacted masks the user (NameID, e-mail, names) and keeps the Issuer; unticking
// NameID keeps it; the download is the redacted text; a share link opened in a new page
// restores the message, inspected and redacted (and, when asked, unredacted: the input as
// given); Escape closes the menu and gives focus back; after the first load the page loads and
// inspects an example offline, with no request reaching the server; axe with the menu open.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copiedBy } from '../clipboard.mjs';

export default async function share(t) {
  const { check, assert, TIMEOUT } = t;
  const example = readFileSync(path.join(t.examples, 'entra-response.xml'), 'utf8');
  const issuer = example.match(/<Issuer[^>]*>([^<]+)<\/Issuer>/)[1];
  const exampleB64 = readFileSync(path.join(t.examples, 'entra-response.b64'), 'utf8');
  const user = 'jordan.lee@contoso.com';

  const { context, page, watch } = await t.open('light');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.server.url });

  /** Clicks `selector` and returns what it put on the clipboard (the link is made
   *  asynchronously, by the browser's CompressionStream: waited for as a condition). */
  const copied = (selector) => copiedBy(page, () => page.click(selector), TIMEOUT);

  await check('share: the Share button is disabled while there is no input', async () => {
    await page.waitForSelector('[data-action="share"]', { timeout: TIMEOUT });
    assert(await page.isDisabled('[data-action="share"]'), 'Share is enabled on the empty page');
  });

  await t.pickExample(page, 'entra-response');
  await page.waitForFunction((i) => document.querySelector('.summary')?.textContent.includes(i), issuer, { timeout: TIMEOUT });

  await check('share: the menu opens with every mask ticked, "unredacted" unticked, and the fragment note', async () => {
    await page.click('[data-action="share"]');
    await page.waitForSelector('#share-panel', { state: 'visible', timeout: TIMEOUT });
    const masks = await page.$$eval('#share-panel [data-mask]', (all) => all.map((i) => `${i.dataset.mask}=${i.checked}`));
    assert(
      masks.join(',') === 'name-id=true,emails=true,names=true,attribute-values=true,session-index=true,client-addresses=true,signature-values=true',
      `masks: ${masks}`,
    );
    assert(!(await page.isChecked('[data-option="unredacted"]')), '"include unredacted message" is ticked by default');
    const text = await page.textContent('#share-panel');
    assert(text.includes('The link carries the message in its #fragment, which browsers never send to a server'), 'fragment note missing');
    assert(await page.getAttribute('[data-action="share"]', 'aria-expanded') === 'true', 'aria-expanded is not true');
    const focused = await page.evaluate(() => document.activeElement?.dataset.mask);
    assert(focused === 'name-id', `focus is not on the first checkbox: ${focused}`);
  });

  await check('share: accessibility (axe-core, WCAG 2.1 A/AA) with the menu open', async () => {
    const violations = await t.axe(page);
    assert(violations.length === 0, violations.join('\n'));
  });
  await page.screenshot({ path: path.join(t.shots, 'share-light.png') });

  await check('share: Copy redacted masks the user and the names, and keeps the Issuer', async () => {
    const text = await copied('[data-action="copy-redacted"]');
    assert(text.startsWith('<samlp:Response'), `not the decoded XML: ${text.slice(0, 60)}`);
    assert(!text.includes(user), `${user} is in the redacted copy`);
    assert(!/\bJordan\b/.test(text) && !/\bLee\b/.test(text), 'a name is in the redacted copy');
    assert(text.includes(`<Issuer>${issuer}</Issuer>`), 'the Issuer was masked');
    assert(/<NameID [^>]*>user1@redacted\.example<\/NameID>/.test(text), 'no e-mail placeholder in the NameID');
    const status = await page.textContent('.share-status');
    assert(/Copied the redacted message \(\d+ values masked\)/.test(status), `status: ${status}`);
  });

  await check('share: unticking NameID keeps the NameID (and still masks the names)', async () => {
    await page.uncheck('[data-mask="name-id"]');
    const text = await copied('[data-action="copy-redacted"]');
    assert(new RegExp(`<NameID [^>]*>${user.replace(/\./g, '\\.')}</NameID>`).test(text), 'the NameID was masked');
    assert(!/\bJordan\b/.test(text), 'a name is in the copy');
    await page.check('[data-mask="name-id"]');
  });

  await check('share: Download redacted .xml saves the redacted text', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: TIMEOUT }),
      page.click('[data-action="download-redacted"]'),
    ]);
    assert(download.suggestedFilename() === 'samlscope-redacted.xml', download.suggestedFilename());
    const file = readFileSync(await download.path(), 'utf8');
    assert(file.startsWith('<samlp:Response') && !file.includes(user) && file.includes(issuer), 'download is not the redacted text');
  });

  let link = '';
  let rawLink = '';
  await check('share: Copy share link gives this page\'s URL with the message in #m=', async () => {
    link = await copied('[data-action="copy-link"]');
    assert(link.startsWith(`${t.server.url}#m=`), `link: ${link.slice(0, 80)}`);
    assert(/^[A-Za-z0-9_-]+$/.test(link.split('#m=')[1]), 'the fragment is not base64url');
    await page.check('[data-option="unredacted"]');
    rawLink = await copied('[data-action="copy-link"]');
    await page.uncheck('[data-option="unredacted"]');
    assert(rawLink !== link && rawLink.startsWith(`${t.server.url}#m=`), 'no unredacted link');
  });

  await check('share: Escape closes the menu and gives focus back to the Share button', async () => {
    await page.focus('[data-mask="emails"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#share-panel', { state: 'detached', timeout: TIMEOUT });
    const focused = await page.evaluate(() => document.activeElement?.dataset.action);
    assert(focused === 'share', `focus is on ${focused}`);
    assert(await page.getAttribute('[data-action="share"]', 'aria-expanded') === 'false', 'aria-expanded is not false');
  });

  await check('share: a share link opened in a new page restores the message, inspected (redacted, or as given when asked)', async () => {
    const other = await context.newPage();
    try {
      await other.goto(link, { waitUntil: 'load' });
      await other.waitForSelector('html[data-ready="true"]', { timeout: TIMEOUT });
      await other.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('SAML Response'), null, { timeout: TIMEOUT });
      await other.waitForFunction((i) => document.querySelector('.summary')?.textContent.includes(i), issuer, { timeout: TIMEOUT });
      const value = await other.inputValue(t.TEXTAREA);
      assert(value.startsWith('<samlp:Response') && !value.includes(user) && value.includes('user1@redacted.example'), 'not the redacted message');
      assert(!(await other.evaluate(() => window.location.hash)), 'the message stays in the address bar');
      // Another link pasted into the address bar of the same tab (only the fragment changes).
      await other.evaluate((h) => { window.location.hash = h; }, new URL(rawLink).hash);
      await other.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('base64 SAML Response'), null, { timeout: TIMEOUT });
    } finally {
      await other.close();
    }
    // The unredacted link carries the input as given (base64 here).
    const raw = await context.newPage();
    try {
      await raw.goto(rawLink, { waitUntil: 'load' });
      await raw.waitForSelector('html[data-ready="true"]', { timeout: TIMEOUT });
      await raw.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('base64 SAML Response'), null, { timeout: TIMEOUT });
      assert((await raw.inputValue(t.TEXTAREA)) === exampleB64, 'the unredacted link does not restore the input as given');
    } finally {
      await raw.close();
    }
  });

  await check('share: after the first load, the page loads and inspects an example offline', async () => {
    const cached = await page.evaluate(async () => {
      const keys = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) keys.push(new URL(request.url).pathname);
      }
      return keys;
    });
    for (const suffix of ['/', '.wasm', '.css', 'boot-']) {
      assert(cached.some((p) => p.endsWith(suffix) || p.includes(suffix)), `nothing like ${suffix} kept: ${cached.join(', ')}`);
    }
    const before = t.server.requests.length;
    const offline = await context.newPage();
    await context.setOffline(true);
    try {
      await offline.goto(t.server.url, { waitUntil: 'load' });
      await offline.reload({ waitUntil: 'load' });
      await offline.waitForSelector('html[data-ready="true"]', { timeout: TIMEOUT });
      assert(await offline.evaluate(() => !navigator.onLine), 'the browser does not consider itself offline');
      await t.pickExample(offline, 'entra-response');
      await offline.waitForFunction((i) => document.querySelector('.summary')?.textContent.includes(i), issuer, { timeout: TIMEOUT });
      const reached = t.server.requests.slice(before);
      assert(reached.length === 0, `requests reached the server while offline: ${reached.join(', ')}`);
    } finally {
      await context.setOffline(false);
      await offline.close();
    }
  });

  await t.finish('share', page, watch);
  await context.close();
}
