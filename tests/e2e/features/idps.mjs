// The identity provider's words (issue 13, point 2): a message from Okta gets Okta's names for
// each setting, in the fixes and in the configuration drawer; choosing another IdP in
// Configure changes them; an Entra message keeps Entra's. The new certificate's thumbprint of a
// rollover comes from the finding's evidence. Fixtures: crates/samlscope-core/tests/fixtures/idps
// (signed by make-idps.py with the project's test keys).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SP = 'https://app.example.com/saml/metadata';
const ENTRA_WORDS = ['Entra', 'AADSTS', 'Basic SAML Configuration', 'Reply URL', 'My Apps'];

export default async function (t) {
  const { check, assert, TIMEOUT, settled, paste } = t;
  const fixtures = path.join(t.root, 'crates/samlscope-core/tests/fixtures/idps');
  const read = (name) => readFileSync(path.join(fixtures, name), 'utf8');
  const scenarios = JSON.parse(read('scenarios.json'));
  const okta = read('okta/bad_audience.xml');
  const issued = Date.parse(okta.match(/IssueInstant="([^"]+)"/)[1]);
  /** The SHA-1 thumbprint of the certificate a scenario trusts (`--idp-cert FILE`). */
  const thumbprint = (input) => {
    const args = scenarios.find((s) => s.input === input).args;
    const pem = read(args[args.indexOf('--idp-cert') + 1]);
    return new X509Certificate(pem).fingerprint.replaceAll(':', '');
  };
  const openDrawer = async (page) => {
    if (!(await page.isVisible('#config-drawer'))) {
      await page.click('[data-action="configure"]');
    }
    await page.waitForSelector('#config-drawer', { state: 'visible', timeout: TIMEOUT });
  };
  const help = (page, name) => page.textContent(`[data-finding="${name}"] .finding-help`);
  const label = (page, id) => page.textContent(`label[for="${id}"]`);

  const { context, page, watch } = await t.open('light');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.server.url });
  await page.clock.setFixedTime(new Date(issued + 30_000));

  await check('idps: an Okta response is recognised, and Configure speaks Okta', async () => {
    await paste(page, okta);
    const summary = await page.textContent('.results');
    assert(summary.includes('Identity provider') && summary.includes('Okta (recognised from the Issuer)'), 'the summary names no IdP');
    await openDrawer(page);
    const first = await page.$eval('#cfg-idp option:checked', (o) => o.textContent);
    assert(first.startsWith('Okta (recognised'), `preselected: ${first}`);
    const identifier = await label(page, 'cfg-identifier');
    assert(identifier === 'Audience URI (SP Entity ID)', `Identifier labelled ${identifier}`);
    assert((await label(page, 'cfg-reply-urls')) === 'Single sign-on URL', 'ACS label');
    const where = await page.textContent('[data-field="identifier"] .cfg-where');
    assert(where.startsWith('Okta: app → General → SAML Settings'), `where: ${where}`);
    const titles = await page.$$eval('#config-drawer h3', (all) => all.map((h) => h.textContent));
    assert(!titles.includes('Basic SAML Configuration'), `titles: ${titles}`);
  });

  await check('idps: the Audience mismatch of an Okta response is fixed in Okta\'s words, with no Entra word', async () => {
    await page.fill('#cfg-identifier', SP);
    await page.waitForSelector('[data-finding="audience-mismatch"]', { timeout: TIMEOUT });
    await settled(page);
    const fix = await help(page, 'audience-mismatch');
    assert(fix.includes("Okta's app → General → SAML Settings → Audience URI (SP Entity ID)"), `fix: ${fix}`);
    const results = await page.textContent('.results');
    for (const word of ENTRA_WORDS) {
      assert(!results.includes(word), `"${word}" in the results of an Okta message`);
    }
    const drawer = await page.textContent('#config-drawer');
    for (const word of ['Basic SAML Configuration', 'Microsoft Entra Identifier', 'Reply URL']) {
      assert(!drawer.includes(word), `"${word}" in the drawer for Okta`);
    }
    await page.screenshot({ path: path.join(t.shots, 'idps-okta-light.png') });
  });

  await check('idps: choosing AD FS in Configure changes the fixes and the labels; back to the recognised one', async () => {
    await page.selectOption('#cfg-idp', 'adfs');
    await page.waitForFunction(
      () => document.querySelector('[data-finding="audience-mismatch"] .finding-help')?.textContent.includes('AD FS'),
      null, { timeout: TIMEOUT },
    );
    assert((await label(page, 'cfg-identifier')).includes('Relying party'), 'AD FS label');
    const count = await page.textContent('[data-action="configure"] .tool-count');
    assert(count.trim() === '2', `the choice is not counted as a setting: ${count}`);
    await page.selectOption('#cfg-idp', '');
    await page.waitForFunction(
      () => document.querySelector('[data-finding="audience-mismatch"] .finding-help')?.textContent.includes('Okta'),
      null, { timeout: TIMEOUT },
    );
  });

  await check('idps: a rollover\'s new thumbprint is offered from the finding\'s evidence', async () => {
    await page.fill('#cfg-identifier', '');
    await page.fill('#cfg-thumbprints', thumbprint('okta/bad_cert.xml'));
    await paste(page, read('okta/bad_cert.xml'));
    await page.waitForSelector('[data-finding="certificate-untrusted"] [data-view="new-thumbprint"]', { timeout: TIMEOUT });
    const shown = await page.textContent('[data-finding="certificate-untrusted"] [data-view="new-thumbprint"] code');
    assert(/^[0-9A-F]{40}$/.test(shown) && shown !== thumbprint('okta/bad_cert.xml'), `thumbprint: ${shown}`);
    const fix = await help(page, 'certificate-untrusted');
    assert(fix.includes('Okta') && !fix.includes('Entra'), `fix: ${fix}`);
  });

  await check('idps: an Entra message keeps Entra\'s words', async () => {
    await page.fill('#cfg-thumbprints', '');
    await t.pickExample(page, 'entra-response');
    await settled(page);
    await openDrawer(page);
    const first = await page.$eval('#cfg-idp option:checked', (o) => o.textContent);
    assert(first.startsWith('Microsoft Entra ID (recognised'), `preselected: ${first}`);
    assert((await label(page, 'cfg-identifier')) === 'Identifier (Entity ID)', 'Entra label');
    assert(await page.locator('#config-drawer h3', { hasText: 'Basic SAML Configuration' }).isVisible(), 'Entra section title');
    assert((await page.$('[data-field="identifier"] .cfg-where')) === null, 'a where-line for Entra');
  });

  await t.finish('idps', page, watch);
  await context.close();
}
