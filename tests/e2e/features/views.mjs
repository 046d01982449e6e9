// The Claims, Conditions and Signatures & certificates tabs, with the Entra example, in light
// and dark: what each shows, Copy (read back from the clipboard), the claim filter, the
// timeline's items and flags, the clock-skew acceptance, the verdict, algorithms, thumbprints
// and canonical bytes on demand; axe on every tab; screenshots; a 700 px wide layout.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clipboardWhen } from '../clipboard.mjs';

// `openssl x509 -noout -fingerprint -sha1 / -sha256 -in static/examples/keys/TEST-ONLY-signing-cert.pem`,
// separators removed (the Entra format: upper-case hex, no separators).
const SHA1 = '80ACD12D683C9A4A0FD60B9FD45DF864528917F1';
const SHA256 = 'C6DA327C9CCE18D4F2000D4EB6F7EB198D962AB60BECB19C3BAB77CFCBB26F55';
const EMAIL_URI = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const SKEW_S = 180; // the checks' default clock skew, the band the timeline shades
const SPS = 'ruby-saml,node-saml,python3-saml,crewjam/saml,Shibboleth SP';

/** The example's claims, read from its XML: [{ name, values }]. */
function exampleClaims(xml) {
  return [...xml.matchAll(/<Attribute Name="([^"]+)">(.*?)<\/Attribute>/g)].map(([, name, body]) => ({
    name,
    values: [...body.matchAll(/<AttributeValue>([^<]*)<\/AttributeValue>/g)].map((m) => m[1]),
  }));
}

export default async function (t) {
  const { check, assert, TIMEOUT } = t;
  const xml = readFileSync(path.join(t.examples, 'entra-response.xml'), 'utf8');
  const claims = exampleClaims(xml);
  const bearerEnd = Date.parse(xml.match(/<SubjectConfirmationData [^>]*NotOnOrAfter="([^"]+)"/)[1]);
  const conditionsEnd = Date.parse(xml.match(/<Conditions [^>]*NotOnOrAfter="([^"]+)"/)[1]);
  const shot = (page, name) => page.locator('.column-results').screenshot({ path: path.join(t.shots, name) });
  /** Waits until the clipboard holds `want` (a condition: see tests/e2e/clipboard.mjs). */
  const clipboardBecomes = (page, want) => clipboardWhen(page, { equals: want }, TIMEOUT);
  const tab = async (page, id) => {
    await page.click(`[data-tab="${id}"]`);
    await page.waitForSelector(`.tab-panel[data-view="${id}"]`, { timeout: TIMEOUT });
  };

  for (const scheme of ['light', 'dark']) {
    const { context, page, watch } = await t.open(scheme);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await t.pickExample(page, 'entra-response');
    await page.waitForSelector('[data-finding]', { timeout: TIMEOUT });
    const full = scheme === 'light'; // the behaviour is checked once; looks and axe in both

    // ---- Claims ----
    await tab(page, 'claims');
    await page.waitForSelector('[data-claim]', { timeout: TIMEOUT });
    if (full) {
      await check('claims: the 9 claims with Entra names, full URIs and every value; the NameID on top', async () => {
        const rows = await page.$$eval('[data-claim]', (list) => list.map((r) => ({ name: r.dataset.claim, text: r.textContent })));
        assert(rows.length === claims.length && claims.length === 9, `${rows.length} rows for ${claims.length} claims`);
        for (const c of claims) {
          const row = rows.find((r) => r.name === c.name);
          assert(row, `no row for ${c.name}`);
          assert(row.text.includes(c.name), `URI missing for ${c.name}`);
          for (const v of c.values) assert(row.text.includes(v), `value ${v} missing for ${c.name}`);
        }
        const email = rows.find((r) => r.name === EMAIL_URI);
        assert(/user\.mail/.test(email.text), `emailaddress not named user.mail: ${email.text}`);
        const multi = await page.$$eval('[data-claim$="/authnmethodsreferences"] .claim-value', (l) => l.length);
        assert(multi === 2, `multi-valued claim shows ${multi} values`);
        const nameId = await page.textContent('[data-view="name-id"]');
        assert(nameId.includes('jordan.lee@contoso.com') && nameId.includes('emailAddress'), nameId);
      });
      await check('claims: Copy puts the value, and the name URI, on the clipboard and says "Copied"', async () => {
        const value = page.locator(`[data-claim="${EMAIL_URI}"] [data-copy="value"]`).first();
        await value.click();
        await page.waitForFunction((uri) => document.querySelector(`[data-claim="${uri}"] [data-copy="value"]`)?.textContent.startsWith('Copied'), EMAIL_URI, { timeout: TIMEOUT });
        await clipboardBecomes(page, 'jordan.lee@contoso.com');
        await page.locator(`[data-claim="${EMAIL_URI}"] [data-copy="name"]`).click();
        await clipboardBecomes(page, EMAIL_URI);
      });
      await check('claims: the filter narrows by name or value, and says when nothing matches', async () => {
        await page.fill('#claims-filter', 'surname');
        await page.waitForFunction(() => document.querySelectorAll('[data-claim]').length === 1, null, { timeout: TIMEOUT });
        await page.fill('#claims-filter', 'multipleauthn');
        await page.waitForFunction(() => document.querySelectorAll('[data-claim]').length === 1, null, { timeout: TIMEOUT });
        await page.fill('#claims-filter', 'no-such-claim');
        await page.waitForSelector('[data-empty="claims-filter"]', { timeout: TIMEOUT });
        await page.fill('#claims-filter', '');
        await page.waitForFunction(() => document.querySelectorAll('[data-claim]').length === 9, null, { timeout: TIMEOUT });
      });
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, `claims-${scheme}.png`);
    await check(`claims: axe-core (WCAG 2.1 A/AA), ${scheme}`, async () => {
      const violations = await t.axe(page);
      assert(violations.length === 0, violations.join('\n'));
    });

    // ---- Conditions ----
    await tab(page, 'timeline');
    await page.waitForSelector('[data-item]', { timeout: TIMEOUT });
    if (full) {
      await check('conditions: timeline items with their times, relative wording and flags against now ± skew', async () => {
        const items = await page.$$eval('[data-item]', (list) => list.map((r) => ({
          id: r.dataset.item, text: r.textContent, flag: r.querySelector('[data-flag]')?.dataset.flag ?? null,
        })));
        const ids = items.map((i) => i.id).join(',');
        assert(ids === 'issue-instant,conditions,bearer,authn-instant,certificate', `items: ${ids}`);
        const byId = Object.fromEntries(items.map((i) => [i.id, i]));
        assert(byId['issue-instant'].text.includes('2026-11-23T16:57:43.307Z'), byId['issue-instant'].text);
        assert(byId.conditions.text.includes('NotBefore') && byId.conditions.text.includes('2026-11-23T18:07:43.307Z'), byId.conditions.text);
        assert(byId.bearer.text.includes('2026-11-23T17:02:43.307Z'), byId.bearer.text);
        assert(byId['authn-instant'].text.includes('AuthnInstant'), byId['authn-instant'].text);
        assert(/Signing certificate/.test(byId.certificate.text) && byId.certificate.text.includes('2029-11-22T16:37:43Z'), byId.certificate.text);
        assert(items.every((i) => /\d (s|min|h|days?) ago|in \d|now/.test(i.text)), 'relative wording missing');
        const flag = (end) => (Date.now() - end >= SKEW_S * 1000 ? 'expired' : null);
        if (flag(bearerEnd)) assert(byId.bearer.flag === 'expired', `bearer flag: ${byId.bearer.flag}`);
        if (flag(conditionsEnd)) assert(byId.conditions.flag === 'expired', `conditions flag: ${byId.conditions.flag}`);
        assert(byId.certificate.flag === 'valid', `certificate flag: ${byId.certificate.flag}`);
        const drawn = await page.$$eval('.tl-row .tl-svg .tl-now', (l) => l.length);
        assert(drawn === items.length, `now marked in ${drawn} of ${items.length} rows`);
        assert(await page.$('.tl-axis .tl-now-label'), 'no "now" label on the axis');
        assert(await page.$('.tl-row .tl-band'), 'no skew band');
      });
      await check('conditions: clock-skew acceptance of the five SP libraries, each with a reason', async () => {
        const items = await page.$$eval('[data-view="clock-skew"] [data-sp]', (list) =>
          list.map((li) => ({ sp: li.dataset.sp, accepted: li.dataset.accepted, text: li.textContent })));
        assert(items.map((i) => i.sp).join(',') === SPS, `SPs: ${items.map((i) => i.sp)}`);
        assert(items.every((i) => ['true', 'false'].includes(i.accepted) && /accepts|rejects/.test(i.text) && / s\b/.test(i.text)), JSON.stringify(items));
        if (Date.now() - bearerEnd >= 300_000) assert(items.every((i) => i.accepted === 'false'), 'an expired assertion is accepted');
      });
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, `timeline-${scheme}.png`);
    await check(`conditions: axe-core (WCAG 2.1 A/AA), ${scheme}`, async () => {
      const violations = await t.axe(page);
      assert(violations.length === 0, violations.join('\n'));
    });

    // ---- Signatures & certificates ----
    await tab(page, 'signatures');
    await page.waitForSelector('[data-signature]', { timeout: TIMEOUT });
    if (full) {
      await check('signatures: verdict and why, what it covers, algorithms, the key and its source', async () => {
        const card = page.locator('[data-signature="1"]');
        assert((await card.locator('[data-verdict]').getAttribute('data-verdict')) === 'valid-untrusted', 'verdict');
        const text = await card.textContent();
        for (const word of ['the Assertion', 'rsa-sha256', 'sha256', 'xml-exc-c14n', 'enveloped-signature', 'digest matches', 'RSA 2048', 'No trusted certificate is configured']) {
          assert(text.includes(word), `"${word}" missing from the signature card`);
        }
        assert((await card.locator('[data-key-source]').getAttribute('data-key-source')) === 'embedded', 'key source');
      });
      await check('signatures: the certificate with both thumbprints (as openssl computes them), Copy', async () => {
        assert((await page.textContent('[data-thumbprint="sha1"]')).trim() === SHA1, 'SHA-1 thumbprint');
        assert((await page.textContent('[data-thumbprint="sha256"]')).trim() === SHA256, 'SHA-256 thumbprint');
        const cert = await page.textContent('[data-view="certificates"]');
        for (const word of ['Microsoft Azure Federated SSO Certificate', '18:3A:35:B3', '2029-11-22T16:37:43Z', 'RSA 2048', 'self-signed']) {
          assert(cert.includes(word), `"${word}" missing from the certificate`);
        }
        await page.click('[data-copy="thumbprint-sha1"]');
        await clipboardBecomes(page, SHA1);
        await page.click('[data-copy="thumbprint-sha256"]');
        await clipboardBecomes(page, SHA256);
      });
      await check('signatures: canonical bytes only on demand, SignedInfo and the reference, with byte count and Copy', async () => {
        assert(!(await page.$('[data-c14n]')), 'canonical bytes computed before being asked for');
        await page.click('[data-signature="1"] [data-action="canonical-bytes"] > summary');
        await page.waitForSelector('[data-c14n="signed-info"] pre', { timeout: TIMEOUT });
        const signedInfo = await page.textContent('[data-c14n="signed-info"] pre');
        assert(/^<(ds:)?SignedInfo[ >]/.test(signedInfo), signedInfo.slice(0, 60));
        const count = Number(await page.getAttribute('[data-c14n="signed-info"] [data-bytes]', 'data-bytes'));
        assert(count === Buffer.byteLength(signedInfo), `byte count ${count} for ${Buffer.byteLength(signedInfo)} bytes`);
        const reference = await page.textContent('[data-c14n="reference-1"] pre');
        assert(/^<Assertion /.test(reference) && !reference.includes('<Signature'), reference.slice(0, 60));
        await page.click('[data-c14n="signed-info"] [data-copy="c14n"]');
        await clipboardBecomes(page, signedInfo);
      });
    } else {
      await page.click('[data-signature="1"] [data-action="canonical-bytes"] > summary');
      await page.waitForSelector('[data-c14n="signed-info"] pre', { timeout: TIMEOUT });
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, `signatures-${scheme}.png`);
    await check(`signatures: axe-core (WCAG 2.1 A/AA), ${scheme}`, async () => {
      const violations = await t.axe(page);
      assert(violations.length === 0, violations.join('\n'));
    });

    if (full) {
      await check('views: 700 px wide, no horizontal scrolling on any of the three tabs', async () => {
        await page.setViewportSize({ width: 700, height: 900 });
        for (const id of ['claims', 'timeline', 'signatures']) {
          await tab(page, id);
          const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
          assert(scroll <= client, `${id}: page is ${scroll} px wide in a ${client} px window`);
          await shot(page, `${id}-narrow-light.png`);
        }
        await page.setViewportSize({ width: 1440, height: 900 });
      });
    }

    await t.finish(`views (${scheme})`, page, watch);
    await context.close();
  }
}
