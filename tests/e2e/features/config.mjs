// The configuration drawer (issue 5, point 2): Entra's "Basic SAML Configuration" in the page.
//
// Opens the drawer, checks that every field is labelled, that findings follow the
// configuration live (Identifier → audience-mismatch, an app profile, the Federation Metadata
// XML → a trusted signature and the "Set up" values), "Fill from SP metadata", that nothing is
// stored unless "Remember on this device" is ticked (and "Forget" removes it), Escape, axe in
// light and dark, and screenshots config-light.png / config-dark.png.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const STORAGE_KEY = 'samlscope.config.v1';
const LOGIN_URL = 'https://login.microsoftonline.com/7d2c9b14-3e6a-4f8b-a5c1-92e04b6f1d38/saml2';
const ENTRA_ID = 'https://sts.windows.net/7d2c9b14-3e6a-4f8b-a5c1-92e04b6f1d38/';
const AUDIENCE = 'https://contoso.timetrackenterprise.com';
const LABELS = [
  'App profile',
  'Identifier (Entity ID)',
  'Reply URL (Assertion Consumer Service URL)',
  'Sign on URL',
  'Relay State',
  'SP metadata',
  'Microsoft Entra Identifier',
  'Thumbprint',
  'Certificate (Base64)',
  'Federation Metadata XML',
  'Required claims',
  'AuthnRequest the app sent',
  'Clock skew (seconds)',
  'Remember on this device',
];
const SP_METADATA = `<?xml version="1.0"?>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://contoso.timetrackenterprise.com">
  <SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <AssertionConsumerService index="0" Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://contoso.timetrackenterprise.com/api/v2/azure/callback"/>
    <AssertionConsumerService index="1" Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://contoso.timetrackenterprise.com/api/v2/azure/callback2"/>
  </SPSSODescriptor>
</EntityDescriptor>
`;

export default async function (t) {
  const { check, assert, TIMEOUT, settled } = t;
  const metadata = readFileSync(path.join(t.examples, 'entra-federation-metadata.xml'), 'utf8');
  const finding = (name) => `[data-finding="${name}"]`;
  const stored = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('samlscope')));
  const openDrawer = async (page) => {
    await page.click('[data-action="configure"]');
    await page.waitForSelector('#config-drawer', { state: 'visible', timeout: TIMEOUT });
  };
  // A reload loads the page again: its requests are load requests, not requests after load.
  const reload = async (page, watch) => {
    watch.loaded = false;
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]', { timeout: TIMEOUT });
    await page.waitForSelector(t.TEXTAREA, { timeout: TIMEOUT });
    await page.waitForLoadState('networkidle');
    watch.loaded = true;
  };
  /** Waits until the Configure button counts `n` settings: the app has taken the drawer's
   *  configuration, in the same callback that stores it (or, unticked, removes it). */
  const configured = (page, n) => page.waitForFunction(
    (want) => document.querySelector('[data-action="configure"] .tool-count')?.textContent.trim() === String(want),
    n, { timeout: TIMEOUT },
  );
  const settingsCount = async (page) => Number((await page.$eval('[data-action="configure"] .tool-count', (e) => e.textContent).catch(() => '0')).trim());
  const inspected = async (page) => {
    await page.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('SAML Response'), null, { timeout: TIMEOUT });
    await page.waitForSelector('[data-finding]', { timeout: TIMEOUT });
  };

  // ---- light ----------------------------------------------------------------------------
  {
    const { context, page, watch } = await t.open('light');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.server.url });

    await check('config: "Configure" opens the drawer with every field labelled', async () => {
      await openDrawer(page);
      const expanded = await page.getAttribute('[data-action="configure"]', 'aria-expanded');
      assert(expanded === 'true', `aria-expanded=${expanded}`);
      for (const label of LABELS) {
        const control = page.getByLabel(label, { exact: true });
        assert((await control.count()) === 1, `no single control labelled "${label}"`);
        assert(await control.isVisible(), `"${label}" is not visible`);
      }
      for (const title of ['Basic SAML Configuration', 'SAML Certificates', 'Attributes & Claims', 'Request and time']) {
        assert(await page.locator('#config-drawer h3', { hasText: title }).isVisible(), `section ${title} missing`);
      }
      const note = await page.textContent('#cfg-remember-note');
      assert(/nothing is stored/.test(note), `remember note: ${note}`);
    });

    await check('config: a wrong Identifier gives audience-mismatch; fixing it removes it', async () => {
      await t.pickExample(page, 'entra-response');
      await inspected(page);
      assert((await page.$(finding('audience-mismatch'))) === null, 'audience-mismatch before any configuration');
      await page.fill('#cfg-identifier', 'https://wrong.example.com/saml');
      await page.waitForSelector(finding('audience-mismatch'), { timeout: TIMEOUT });
      const message = await page.textContent(finding('audience-mismatch'));
      assert(message.includes('https://wrong.example.com/saml'), `message: ${message}`);
      await page.fill('#cfg-identifier', AUDIENCE);
      await page.waitForSelector(finding('audience-mismatch'), { state: 'detached', timeout: TIMEOUT });
      const count = await page.textContent('[data-action="configure"] .tool-count');
      assert(count.trim() === '1', `Configure count: ${count}`);
    });

    await check('config: the suggested profile is offered, and timetrack from the picker shows its tutorial and is checked', async () => {
      await page.fill('#cfg-identifier', '');
      await page.waitForSelector('[data-suggested="timetrack"]', { timeout: TIMEOUT });
      assert((await page.textContent('[data-suggested="timetrack"]')).includes('Suggested: TimeTrack'), 'suggestion text');
      await page.locator('#config-drawer .cfg-profile-band').screenshot({ path: path.join(t.shots, 'config-picker-light.png') });
      await page.fill('#cfg-profile-search', 'time');
      const offered = await page.$$eval('[data-profile]', (all) => all.map((b) => b.dataset.profile));
      assert(offered.join() === 'timetrack', `search "time" offers ${offered}`);
      await page.fill('#cfg-profile-search', 'zzz-no-such-app');
      await page.waitForSelector('.cfg-profiles-none', { timeout: TIMEOUT });
      await page.fill('#cfg-profile-search', 'time');
      await page.click('[data-profile="timetrack"]');
      await page.waitForSelector('[data-profile-chosen="timetrack"]', { timeout: TIMEOUT });
      await page.waitForSelector(finding('audience-mismatch'), { timeout: TIMEOUT });
      const message = await page.textContent(finding('audience-mismatch'));
      assert(message.includes('TimeTrack') && message.includes(AUDIENCE), `message: ${message}`);
      const placeholder = await page.getAttribute('#cfg-identifier', 'placeholder');
      assert(placeholder === 'https://<tenant>.timetrackenterprise.com/api/v2/azure/saml20', `placeholder: ${placeholder}`);
      const hint = await page.textContent('#cfg-identifier-hint');
      assert(hint.includes('In the Identifier text box, type a URL using the following pattern'), `hint: ${hint}`);
      assert((await page.$('[data-suggested]')) === null, 'still suggesting once a profile is applied');
    });

    await check('config: Federation Metadata XML makes the signature trusted and shows the Set up values', async () => {
      await page.waitForSelector(finding('signature-untrusted'), { timeout: TIMEOUT });
      await page.fill('#cfg-federation-metadata', metadata);
      await page.waitForSelector(finding('signature-untrusted'), { state: 'detached', timeout: TIMEOUT });
      await page.waitForSelector('[data-setup="Login URL"]', { timeout: TIMEOUT });
      const login = (await page.textContent('[data-setup="Login URL"] code')).trim();
      assert(login === LOGIN_URL, `Login URL: ${login}`);
      const entra = (await page.textContent('[data-setup="Microsoft Entra Identifier"] code')).trim();
      assert(entra === ENTRA_ID, `Microsoft Entra Identifier: ${entra}`);
      assert(await page.isVisible('[data-setup="Logout URL"]'), 'Logout URL missing');
      assert((await page.textContent('[data-view="set-up"]')).includes('Set up TimeTrack'), 'not titled Set up TimeTrack');
      await page.click('[data-setup="Login URL"] button');
      await page.waitForSelector('[data-setup="Login URL"] button.is-done', { timeout: TIMEOUT });
      const clipboard = await page.evaluate(() => navigator.clipboard.readText());
      assert(clipboard === LOGIN_URL, `clipboard: ${clipboard}`);
    });

    await check('config: "Fill from SP metadata" sets Identifier and Reply URLs, or says why not', async () => {
      await page.fill('#cfg-sp-metadata', '<not-metadata/>');
      await page.click('[data-action="fill-from-sp-metadata"]');
      const error = await page.textContent('.cfg-status.is-error', { timeout: TIMEOUT });
      assert(error.startsWith('Cannot fill from the SP metadata: '), `error: ${error}`);
      await page.fill('#cfg-sp-metadata', SP_METADATA);
      await page.click('[data-action="fill-from-sp-metadata"]');
      const ok = await page.textContent('.cfg-status.is-ok', { timeout: TIMEOUT });
      assert(ok.includes('Identifier and 2 Reply URLs'), `status: ${ok}`);
      assert((await page.inputValue('#cfg-identifier')) === AUDIENCE, 'Identifier not filled');
      const reply = await page.inputValue('#cfg-reply-urls');
      assert(reply === `${AUDIENCE}/api/v2/azure/callback\n${AUDIENCE}/api/v2/azure/callback2`, `Reply URL: ${reply}`);
      await page.waitForSelector(finding('audience-mismatch'), { state: 'detached', timeout: TIMEOUT });
    });

    await check('config: a file dropped on Certificate (Base64) is read into it', async () => {
      const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      const dataTransfer = await page.evaluateHandle((text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'entra.cer', { type: 'application/x-x509-ca-cert' }));
        return transfer;
      }, pem);
      await page.dispatchEvent('#cfg-certificate', 'dragover', { dataTransfer });
      await page.dispatchEvent('#cfg-certificate', 'drop', { dataTransfer });
      await page.waitForFunction((text) => document.querySelector('#cfg-certificate')?.value === text, pem, { timeout: TIMEOUT });
      await page.fill('#cfg-certificate', '');
    });

    await check('config: "Open file" reads a DER certificate as base64 and UTF-16 metadata as text', async () => {
      await page.fill('#cfg-federation-metadata', '');
      await page.waitForSelector(finding('signature-untrusted'), { timeout: TIMEOUT });
      const pem = readFileSync(path.join(t.examples, 'keys/TEST-ONLY-signing-cert.pem'), 'utf8');
      const base64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      await page.setInputFiles('[data-field="certificate"] input[type=file]',
        { name: 'entra.cer', mimeType: 'application/pkix-cert', buffer: Buffer.from(base64, 'base64') });
      await page.waitForFunction((text) => document.querySelector('#cfg-certificate')?.value === text, base64, { timeout: TIMEOUT });
      await page.waitForSelector(finding('signature-untrusted'), { state: 'detached', timeout: TIMEOUT });
      await page.fill('#cfg-certificate', '');
      await page.waitForSelector(finding('signature-untrusted'), { timeout: TIMEOUT });
      // The metadata starts with a byte order mark: UTF-16LE bytes FF FE, then the text.
      const utf16 = Buffer.from(metadata, 'utf16le');
      assert(utf16[0] === 0xff && utf16[1] === 0xfe, 'the example metadata lost its byte order mark');
      await page.setInputFiles('[data-field="federation-metadata"] input[type=file]',
        { name: 'federationmetadata.xml', mimeType: 'text/xml', buffer: utf16 });
      await page.waitForFunction((text) => document.querySelector('#cfg-federation-metadata')?.value === text, metadata.slice(1), { timeout: TIMEOUT });
      await page.waitForSelector(finding('signature-untrusted'), { state: 'detached', timeout: TIMEOUT });
      await page.waitForSelector('[data-setup="Login URL"]', { timeout: TIMEOUT });
      // Back to the UTF-8 text with its byte order mark, as pasted.
      await page.fill('#cfg-federation-metadata', metadata);
    });

    await check('config: without "Remember on this device", nothing is stored', async () => {
      const before = await settingsCount(page);
      assert((await page.inputValue('#cfg-required-claims')) === '' && (await page.inputValue('#cfg-skew')) === '', 'claims or skew already set');
      await page.fill('#cfg-required-claims', 'emailaddress');
      await page.fill('#cfg-skew', '300');
      await configured(page, before + 2);
      const keys = await stored(page);
      assert(keys.length === 0, `localStorage: ${keys}`);
    });

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(t.shots, 'config-light.png') });
    await page.screenshot({ path: path.join(t.shots, 'config-light-full.png'), fullPage: true });
    await page.locator('#config-drawer').screenshot({ path: path.join(t.shots, 'config-drawer-light.png') });

    await check('config: accessibility (axe-core, WCAG 2.1 A/AA), light, drawer open', async () => {
      const violations = await t.axe(page);
      assert(violations.length === 0, violations.join('\n'));
    });

    await check('config: one column at a laptop split screen (700 px)', async () => {
      await page.setViewportSize({ width: 700, height: 900 });
      const lefts = await page.$$eval('#config-drawer .cfg-section', (all) => all.map((s) => Math.round(s.getBoundingClientRect().left)));
      assert(new Set(lefts).size === 1, `sections not in one column: ${lefts}`);
      const titles = await page.$$eval('#config-drawer .cfg-section-title', (all) =>
        all.map((h) => [h.textContent, h.getBoundingClientRect().top]).sort((a, b) => a[1] - b[1]).map((x) => x[0]));
      assert(titles.join('|') === 'Basic SAML Configuration|SAML Certificates|Attributes & Claims|Request and time', `order: ${titles}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert(overflow <= 0, `page scrolls sideways by ${overflow}px`);
      await page.locator('#config-drawer').screenshot({ path: path.join(t.shots, 'config-narrow-light.png') });
      await page.setViewportSize({ width: 1440, height: 900 });
    });

    await check('config: "Remember on this device" survives a reload', async () => {
      await page.check('#cfg-remember');
      await page.waitForFunction((key) => localStorage.getItem(key) !== null, STORAGE_KEY, { timeout: TIMEOUT });
      assert((await page.textContent('#cfg-remember-note')).includes('local storage'), 'note does not say it is stored');
      await reload(page, watch);
      await openDrawer(page);
      assert((await page.inputValue('#cfg-identifier')) === AUDIENCE, 'Identifier not restored');
      assert((await page.inputValue('#cfg-required-claims')) === 'emailaddress', 'claims not restored');
      assert((await page.inputValue('#cfg-skew')) === '300', 'clock skew not restored');
      assert((await page.inputValue('#cfg-federation-metadata')) === metadata, 'metadata not restored');
      assert(await page.isChecked('#cfg-remember'), 'remember not restored');
      await page.waitForSelector('[data-profile-chosen="timetrack"]', { timeout: TIMEOUT });
    });

    await check('config: "Forget" clears everything, also after a reload', async () => {
      await page.click('[data-action="forget"]');
      await page.waitForFunction((key) => localStorage.getItem(key) === null, STORAGE_KEY, { timeout: TIMEOUT });
      assert((await page.inputValue('#cfg-identifier')) === '', 'Identifier not cleared');
      assert(!(await page.isChecked('#cfg-remember')), 'remember still ticked');
      assert((await page.$('[data-action="configure"] .tool-count')) === null, 'Configure still counts settings');
      await reload(page, watch);
      await openDrawer(page);
      assert((await page.inputValue('#cfg-identifier')) === '', 'Identifier back after reload');
      assert((await page.inputValue('#cfg-federation-metadata')) === '', 'metadata back after reload');
      const keys = await stored(page);
      assert(keys.length === 0, `localStorage after Forget: ${keys}`);
    });

    await check('config: Relay State is checked against the RelayState of an IdP-initiated response', async () => {
      // The example response without InResponseTo (IdP-initiated), POSTed with RelayState=/home.
      const xml = readFileSync(path.join(t.examples, 'entra-response.xml'), 'utf8').replace(/ InResponseTo="[^"]+"/, '');
      const body = `SAMLResponse=${encodeURIComponent(Buffer.from(xml).toString('base64'))}&RelayState=%2Fhome`;
      await page.fill(t.TEXTAREA, body);
      await page.fill('#cfg-relay-state', '/dashboard');
      await page.waitForSelector('[data-finding="relay-state-mismatch"]', { timeout: TIMEOUT });
      const message = await page.textContent('[data-finding="relay-state-mismatch"] .finding-message');
      assert(message.includes('`/home`') || message.includes('/home'), `message: ${message}`);
      await page.fill('#cfg-relay-state', '/home');
      await page.waitForSelector('[data-finding="relay-state-mismatch"]', { state: 'detached', timeout: TIMEOUT });
      await page.fill('#cfg-relay-state', '');
    });

    await check('config: Escape closes the drawer and returns to "Configure" (an open menu first)', async () => {
      await page.click('details.menu > summary');
      await page.waitForSelector('[data-example="entra-response"]', { state: 'visible' });
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-example="entra-response"]', { state: 'hidden' });
      assert(await page.isVisible('#config-drawer'), 'Escape on the examples menu closed the drawer too');
      await page.focus('#cfg-identifier');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#config-drawer', { state: 'detached', timeout: TIMEOUT });
      const focused = await page.evaluate(() => document.activeElement?.dataset?.action);
      assert(focused === 'configure', `focus is on ${focused}`);
      await openDrawer(page);
      await page.click('#config-drawer .cfg-close');
      await page.waitForSelector('#config-drawer', { state: 'detached', timeout: TIMEOUT });
    });

    await t.finish('config light', page, watch);
    await context.close();
  }

  // ---- dark -----------------------------------------------------------------------------
  {
    const { context, page, watch } = await t.open('dark');
    await check('config: the drawer in dark, with a profile and the federation metadata', async () => {
      await t.pickExample(page, 'entra-response');
      await inspected(page);
      await openDrawer(page);
      await page.fill('#cfg-profile-search', 'time');
      await page.click('[data-profile="timetrack"]');
      await page.fill('#cfg-federation-metadata', metadata);
      await page.waitForSelector('[data-setup="Login URL"]', { timeout: TIMEOUT });
      await page.waitForSelector(finding('signature-untrusted'), { state: 'detached', timeout: TIMEOUT });
      await page.fill('#cfg-identifier', 'https://contoso.timetrackenterprise.com/api/v2/azure/saml20');
      await page.waitForSelector(finding('audience-mismatch'), { timeout: TIMEOUT });
      await settled(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(t.shots, 'config-dark.png') });
      await page.locator('#config-drawer').screenshot({ path: path.join(t.shots, 'config-drawer-dark.png') });
      const keys = await stored(page);
      assert(keys.length === 0, `localStorage: ${keys}`);
    });
    await check('config: accessibility (axe-core, WCAG 2.1 A/AA), dark, drawer open', async () => {
      const violations = await t.axe(page);
      assert(violations.length === 0, violations.join('\n'));
    });
    await check('config: Escape closes the drawer (dark)', async () => {
      await page.focus('#cfg-identifier');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#config-drawer', { state: 'detached', timeout: TIMEOUT });
    });
    await t.finish('config dark', page, watch);
    await context.close();
  }
}
