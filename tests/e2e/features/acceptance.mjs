// Would the SP accept it? (issue 14, point 2): the core's prediction per SP implementation, in
// the Findings tab; each finding says which implementations reject because of it; the SP
// software chosen in Configure comes first. Fixture: an Okta-shaped response whose Audience has
// a trailing slash (crates/samlscope-core/tests/fixtures/idps, signed by make-idps.py).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export default async function (t) {
  const { check, assert, TIMEOUT, settled } = t;
  const okta = readFileSync(path.join(t.root, 'crates/samlscope-core/tests/fixtures/idps/okta/bad_audience.xml'), 'utf8');
  const issued = Date.parse(okta.match(/IssueInstant="([^"]+)"/)[1]);
  const rows = (page) => page.$$eval('[data-view="acceptance"] tbody tr', (all) => all.map((r) => [r.dataset.sp, r.dataset.verdict]));

  const { context, page, watch } = await t.open('light');
  await page.clock.setFixedTime(new Date(issued + 30_000));

  await check('acceptance: a wrong Audience, and which SP implementations reject it, with what they log', async () => {
    await page.fill(t.TEXTAREA, okta);
    await page.waitForSelector('.verdict-line', { timeout: TIMEOUT });
    await page.click('[data-action="configure"]');
    await page.fill('#cfg-identifier', 'https://app.example.com/saml/metadata');
    await page.waitForSelector('[data-finding="audience-mismatch"]', { timeout: TIMEOUT });
    await settled(page);
    const all = await rows(page);
    assert(all.length === 14, `rows: ${all.length}`);
    const python = all.find(([sp]) => sp === 'python3-saml');
    assert(python && python[1] === 'rejects', `python3-saml: ${python}`);
    const logged = await page.textContent('[data-view="acceptance"] tr[data-sp="python3-saml"] .skew-why');
    assert(logged.includes('is not a valid audience for this Response'), `logged: ${logged}`);
    const by = await page.textContent('[data-finding="audience-mismatch"] [data-view="rejected-by"]');
    assert(by.startsWith('Rejected by:') && /\(of 14\)/.test(by), `card: ${by}`);
  });

  await check('acceptance: the SP software chosen in Configure comes first, marked', async () => {
    await page.selectOption('#cfg-sp-software', 'node-saml');
    await page.waitForFunction(
      () => document.querySelector('[data-view="acceptance"] tbody tr')?.dataset.sp === 'node-saml',
      null, { timeout: TIMEOUT },
    );
    const tag = await page.textContent('[data-view="acceptance"] tbody tr:first-child .tag');
    assert(tag === 'your SP', `tag: ${tag}`);
    await page.click('.cfg-close');
    await page.locator('[data-view="acceptance"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(t.shots, 'acceptance-light.png') });
  });

  await check('acceptance: nothing is predicted for what is not a Response', async () => {
    await t.pickExample(page, 'entra-metadata');
    await settled(page);
    assert((await page.$('[data-view="acceptance"]')) === null, 'an acceptance table for metadata');
  });

  await check('acceptance: a pasted SP error line is recognised, with the rule that finds its cause', async () => {
    await page.fill(t.TEXTAREA, 'ERROR onelogin: https://app.example.com/saml/metadata/ is not a valid audience for this Response');
    await page.waitForSelector('[data-view="error-text"]', { timeout: TIMEOUT });
    const card = await page.textContent('[data-view="error-text"]');
    assert(card.includes('python3-saml') && card.includes('audience-mismatch'), `card: ${card}`);
  });

  await t.finish('acceptance', page, watch);
  await context.close();
}
