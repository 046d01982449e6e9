// e2e: what the page says about unusual inputs, and what it refuses to share.
//
//   E2E_DIST=… E2E_ONLY=inputs node tests/e2e/run.mjs
//
// Checks: a pasted private key, or a .pfx bundle opened, is named as one (input-private-key)
// and Share is off for it; a binary DER certificate opened with "Open file" is read as a
// certificate; a response whose assertion is encrypted says what it could not check; a
// redacted copy is known as one and its signature is "not checkable" (said as not checked),
// never invalid; a federation aggregate in the Federation Metadata XML field offers its
// identity providers to pick, and only the one picked is trusted.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export default async function inputs(t) {
  const { check, assert, TIMEOUT } = t;
  const fixtures = path.join(t.root, 'crates/samlscope-core/tests/fixtures');
  const finding = (name) => `[data-finding="${name}"]`;
  const { context, page, watch } = await t.open('light');

  /** Puts `text` in the input as typing does (then waits out the debounce). */
  async function enter(text) {
    await page.fill(t.TEXTAREA, text);
  }

  await check('inputs: a pasted private key is named, described, and Share is off for it', async () => {
    await enter(readFileSync(path.join(fixtures, 'rules/keys/TEST-ONLY-idp.key'), 'utf8'));
    await page.waitForSelector(finding('input-private-key'), { timeout: TIMEOUT });
    const card = await page.textContent('.summary');
    assert(card.includes('Private key') && !card.includes('Certificate'), `summary: ${card.slice(0, 200)}`);
    assert(await page.isDisabled('[data-action="share"]'), 'Share is enabled for a private key');
    const title = await page.getAttribute('[data-action="share"]', 'title');
    assert(/private key/.test(title) && /never shared/.test(title), `title: ${title}`);
  });

  await check('inputs: a binary DER certificate opened from a file is read as a certificate', async () => {
    await page.setInputFiles('input[type=file]', {
      name: 'entra.cer',
      mimeType: 'application/pkix-cert',
      buffer: readFileSync(path.join(fixtures, 'certs/rsa2048.cert.der')),
    });
    await page.waitForFunction(() => document.querySelector('.detected')?.dataset.kind === 'certificate', null, { timeout: TIMEOUT });
    assert((await page.$$(finding('input-undecodable'))).length === 0, 'input-undecodable for a DER file');
    const summary = await page.textContent('.summary');
    assert(summary.includes('B01EC9C7B22F54811EA2E69007E3FDFC5CEF5B6F'), 'the thumbprint is not shown');
    assert(!(await page.isDisabled('[data-action="share"]')), 'Share is off for a certificate');
  });

  await check('inputs: a .pfx bundle opened from a file is a private key: named, and Share is off', async () => {
    await page.setInputFiles('input[type=file]', {
      name: 'sp.pfx',
      mimeType: 'application/x-pkcs12',
      buffer: readFileSync(path.join(fixtures, 'xmlenc/sp.pfx')),
    });
    await page.waitForSelector(finding('input-private-key'), { timeout: TIMEOUT });
    const text = await page.textContent(finding('input-private-key'));
    assert(text.includes('PKCS#12'), `finding: ${text.slice(0, 200)}`);
    assert(await page.isDisabled('[data-action="share"]'), 'Share is enabled for a .pfx bundle');
  });

  await check('inputs: an encrypted assertion says what could not be checked, and why', async () => {
    await enter(readFileSync(path.join(fixtures, 'xmlenc/aes256-gcm.rsa-oaep-mgf1p.xml'), 'utf8'));
    await page.waitForSelector('[data-view="not-checked"]', { timeout: TIMEOUT });
    const text = await page.textContent('[data-view="not-checked"]');
    assert(text.startsWith('Not checked:') && text.includes('NameID'), `not checked: ${text}`);
    assert(text.includes('this page does not decrypt'), `why: ${text}`);
  });

  await check('inputs: a redacted copy is known as one; its signature is not checkable, not invalid', async () => {
    const copy = readFileSync(path.join(fixtures, 'rules/input-redacted/bad_redacted_copy.xml'), 'utf8');
    await enter(copy);
    await page.waitForSelector(finding('input-redacted'), { timeout: TIMEOUT });
    for (const name of ['signature-value-invalid', 'signature-digest-mismatch', 'signature-missing']) {
      assert((await page.$$(finding(name))).length === 0, `${name} on a redacted copy`);
    }
    // What a finding quotes is shown as code, never between literal backticks.
    const messages = await page.$$eval('.finding-message, .finding-help', (all) => all.map((p) => p.textContent));
    assert(messages.length > 0 && messages.every((m) => !m.includes('`')), `backticks: ${messages.find((m) => m.includes('`'))}`);
    assert((await page.$$('.finding-message code')).length > 0, 'no quoted value shown as code');
    // "No errors" is not "the signature holds": the verdict says it was not checked.
    const notChecked = await page.textContent('[data-view="not-checked"]');
    assert(notChecked.includes('signature') && notChecked.includes('redacted copy'), `not checked: ${notChecked}`);
    await page.keyboard.press('Escape');
    await page.click('[data-tab="signatures"]');
    await page.waitForFunction(() => document.body.textContent.includes('redacted copy'), null, { timeout: TIMEOUT });
  });

  await check('inputs: an aggregate offers its identity providers; only the one picked is trusted', async () => {
    const response = readFileSync(path.join(fixtures, 'rules/base_response.xml'), 'utf8');
    const cert = (file) => readFileSync(path.join(fixtures, file), 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    const idp = (id, c) => `<md:EntityDescriptor entityID="${id}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${c}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://${new URL(id).host}/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
    const aggregate = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${
      idp('https://a.example/', cert('certs/rsa2048.cert.pem'))}${idp('https://b.example/', cert('rules/keys/TEST-ONLY-idp.crt'))}</md:EntitiesDescriptor>`;
    await enter(response);
    await page.waitForFunction(() => document.querySelector('.detected')?.dataset.kind === 'response', null, { timeout: TIMEOUT });
    await page.click('[data-tab="findings"]');
    await page.click('[data-action="configure"]');
    await page.waitForSelector('#config-drawer', { timeout: TIMEOUT });
    await page.fill('#cfg-federation-metadata', aggregate);
    await page.waitForSelector('[data-view="idp-candidates"] select', { timeout: TIMEOUT });
    const offered = await page.$$eval('#cfg-idp-pick option', (all) => all.map((o) => o.value).filter(Boolean));
    assert(offered.join(' ') === 'https://a.example/ https://b.example/', `offered: ${offered}`);
    // Nothing of it is trusted yet: said as a configuration problem.
    await page.waitForSelector(finding('config-unreadable'), { timeout: TIMEOUT });
    await page.selectOption('#cfg-idp-pick', 'https://b.example/');
    await page.waitForFunction(() => document.querySelector('#cfg-idp-identifier')?.value === 'https://b.example/', null, { timeout: TIMEOUT });
    await page.waitForSelector('[data-setup="Login URL"]', { timeout: TIMEOUT });
    await page.waitForSelector(finding('config-unreadable'), { state: 'detached', timeout: TIMEOUT });
    // b's key signed the response: trusted; picking a instead makes it untrusted.
    assert((await page.$$(finding('certificate-untrusted'))).length === 0, 'b is not trusted');
    await page.fill('#cfg-idp-identifier', 'https://a.example/');
    await page.waitForSelector(finding('certificate-untrusted'), { timeout: TIMEOUT });
    await page.fill('#cfg-idp-identifier', '');
    await page.fill('#cfg-federation-metadata', '');
    await page.keyboard.press('Escape');
  });
  await page.screenshot({ path: path.join(t.shots, 'inputs-light.png') });

  await t.finish('inputs', page, watch);
  await context.close();
}
