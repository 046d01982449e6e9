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
  const tenant = issuer.match(/[0-9a-f]{8}-[0-9a-f-]{27}/)[0];
  const maskedIssuer = issuer.replace(tenant, '[redacted-tenant-1]');
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
      masks.join(',') === 'name-id=true,emails=true,names=true,attribute-values=true,session-index=true,client-addresses=true,signature-values=true,tenant-id=true',
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

  await check('share: Copy redacted masks the user, the names and the tenant (everywhere, one placeholder), and keeps the rest of the Issuer', async () => {
    const text = await copied('[data-action="copy-redacted"]');
    assert(text.startsWith('<samlp:Response'), `not the decoded XML: ${text.slice(0, 60)}`);
    assert(!text.includes(user), `${user} is in the redacted copy`);
    assert(!/\bJordan\b/.test(text) && !/\bLee\b/.test(text), 'a name is in the redacted copy');
    assert(!text.toLowerCase().includes(tenant), 'the tenant ID is in the redacted copy');
    assert(text.includes(`<Issuer>${maskedIssuer}</Issuer>`), `the Issuer is not ${maskedIssuer}`);
    // The Issuers, the tenantid claim and the identityprovider claim's URL: one placeholder.
    assert(!text.includes('[redacted-tenant-2]'), 'the tenant got two placeholders');
    assert(text.includes('<AttributeValue>[redacted-tenant-1]</AttributeValue>'), 'the tenantid claim is not the tenant placeholder');
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
    assert(file.startsWith('<samlp:Response') && !file.includes(user) && file.includes(maskedIssuer), 'download is not the redacted text');
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
      await other.waitForFunction((i) => document.querySelector('.summary')?.textContent.includes(i), maskedIssuer, { timeout: TIMEOUT });
      const value = await other.inputValue(t.TEXTAREA);
      assert(value.startsWith('<samlp:Response') && !value.includes(user) && value.includes('user1@redacted.example'), 'not the redacted message');
      const banner = await other.textContent('[data-view="shared-banner"][data-redacted="true"]', { timeout: TIMEOUT });
      assert(/A redacted copy, from a share link\. Masked values are placeholders/.test(banner), `banner: ${banner}`);
      assert(!banner.includes('configuration'), 'the banner speaks of a configuration the link does not carry');
      await other.screenshot({ path: path.join(t.shots, 'share-received.png') });
      // Another input: the banner goes.
      await t.pickExample(other, 'entra-response');
      await other.waitForSelector('[data-view="shared-banner"]', { state: 'detached', timeout: TIMEOUT });
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
      const banner = await raw.textContent('[data-view="shared-banner"][data-redacted="false"]', { timeout: TIMEOUT });
      assert(banner.includes('unredacted'), `banner: ${banner}`);
    } finally {
      await raw.close();
    }
  });

  await check('share: a link can carry the configuration, masked like the message: the recipient sees the same findings and stores nothing', async () => {
    const errors = (p) => p.$$eval('[data-finding][data-severity="error"]', (all) => [...new Set(all.map((f) => f.dataset.finding))].sort().join(','));
    const STORAGE_KEY = 'samlscope.config.v1';
    await page.click('[data-action="configure"]');
    await page.waitForSelector('#config-drawer', { state: 'visible', timeout: TIMEOUT });
    await page.fill('#cfg-identifier', 'https://wrong.example.com/saml');
    await page.fill('#cfg-idp-identifier', issuer);
    await page.waitForSelector('[data-finding="audience-mismatch"]', { timeout: TIMEOUT });
    await page.keyboard.press('Escape');
    const sent = await errors(page);
    assert(sent.includes('audience-mismatch') && !sent.includes('issuer-mismatch'), `sender's errors: ${sent}`);
    await page.click('[data-action="share"]');
    await page.waitForSelector('#share-panel', { state: 'visible', timeout: TIMEOUT });
    assert(!(await page.isChecked('[data-option="config"]')), 'the configuration is included by default');
    await page.check('[data-option="config"]');
    const withConfig = await copied('[data-action="copy-link"]');
    assert(/#m=[A-Za-z0-9_-]+&c=[A-Za-z0-9_-]+$/.test(withConfig), `link: ${withConfig.slice(0, 80)}…`);
    await page.keyboard.press('Escape');
    // The recipient remembers a configuration of their own on this device.
    const mine = 'identifier=https://mine.example.com/\nremember=true\n';
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, mine]);
    const other = await context.newPage();
    try {
      await other.goto(withConfig, { waitUntil: 'load' });
      await other.waitForSelector('html[data-ready="true"]', { timeout: TIMEOUT });
      await other.waitForSelector('[data-finding="audience-mismatch"]', { timeout: TIMEOUT });
      const received = await errors(other);
      assert(received === sent, `recipient's errors ${received}, sender's ${sent}`);
      const banner = await other.textContent('[data-view="shared-banner"]');
      assert(banner.includes("sender's configuration") && banner.includes('not remembered'), `banner: ${banner}`);
      await other.screenshot({ path: path.join(t.shots, 'share-received-config.png') });
      await other.click('[data-action="configure"]');
      await other.waitForSelector('#config-drawer', { state: 'visible', timeout: TIMEOUT });
      assert(await other.inputValue('#cfg-idp-identifier') === maskedIssuer, `IdP identifier: ${await other.inputValue('#cfg-idp-identifier')}`);
      assert(!(await other.isChecked('#cfg-remember')), 'a received configuration is ticked to be remembered');
      // Editing it stores nothing, and leaves the recipient's own remembered configuration.
      await other.fill('#cfg-relay-state', 'edited');
      await other.waitForFunction(() => document.querySelector('[data-action="configure"] .tool-count')?.textContent.trim() === '3', null, { timeout: TIMEOUT });
      assert(await other.evaluate((k) => localStorage.getItem(k), STORAGE_KEY) === mine, 'the received configuration was stored, or the own one removed');
      // Ticked: theirs to keep.
      await other.check('#cfg-remember');
      await other.waitForFunction((k) => localStorage.getItem(k)?.includes('redacted-tenant-1'), STORAGE_KEY, { timeout: TIMEOUT });
    } finally {
      await other.close();
      await page.evaluate((k) => localStorage.removeItem(k), STORAGE_KEY);
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
      // The browser's own update check of the service worker script after a navigation
      // (a soft update, which Playwright's offline emulation does not cover and which a real
      // offline browser simply fails) is not the page's: everything else must come from the cache.
      const reached = t.server.requests.slice(before).filter((url) => url !== '/sw.js');
      assert(reached.length === 0, `requests reached the server while offline: ${reached.join(', ')}`);
    } finally {
      await context.setOffline(false);
      await offline.close();
    }
  });

  await t.finish('share', page, watch);
  await context.close();
}
