// e2e: metadata aggregates until their full view exists (issue 12, item 6).
//
//   E2E_ONLY=aggregates node tests/e2e/run.mjs
//
// Checks: an EntitiesDescriptor of 1,000 entities says 1,000 in its Entities card (the summary
// lists the first 100, "… and 900 more"); a rule that fires on every entity is one card with
// its true count (×1000, though the report lists 100 and counts the rest), the others folded
// and unfolded on demand; a finding selected inside the fold unfolds it.
import path from 'node:path';

const N = 1000;

function aggregate() {
  const parts = ['<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" validUntil="2030-01-01T00:00:00Z">\n'];
  for (let i = 0; i < N; i += 1) {
    parts.push(
      `<EntityDescriptor entityID="https://sp${i}.example.test/"><SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`,
      `<AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="http://sp${i}.example.test/acs" index="0"/>`,
      '</SPSSODescriptor></EntityDescriptor>\n',
    );
  }
  parts.push('</EntitiesDescriptor>\n');
  return parts.join('');
}

export default async function aggregates(t) {
  const { check, assert, TIMEOUT } = t;
  const { page, watch } = await t.open('light');
  await page.fill(t.TEXTAREA, aggregate());
  await page.waitForFunction(() => document.querySelector('.detected')?.dataset.kind === 'entities-descriptor', null, { timeout: TIMEOUT });
  await page.waitForSelector('[data-finding="metadata-endpoint-insecure"]', { timeout: TIMEOUT });

  await check(`aggregates: the Entities card counts all ${N} entities`, async () => {
    const card = await page.$$eval('.summary .card', (cards) => {
      const c = cards.find((x) => x.querySelector('.card-title')?.textContent.startsWith('Entities'));
      return c ? { note: c.querySelector('.card-note')?.textContent, more: c.querySelector('.note')?.textContent, listed: c.querySelectorAll('.entities > li').length } : null;
    });
    assert(card, 'no Entities card');
    assert(card.note === String(N), `count: ${card.note}`);
    assert(card.listed === 100 && card.more === `… and ${N - 100} more.`, `listed ${card.listed}, ${card.more}`);
  });

  const top = '.finding-group > .finding-items > [data-finding="metadata-endpoint-insecure"]';
  await check(`aggregates: a rule on every entity is one card, ×${N} (its true count), the others folded`, async () => {
    assert((await page.$$(top)).length === 1, `${(await page.$$(top)).length} top-level cards`);
    const times = await page.textContent(`${top} > .finding-head .group-times`);
    assert(times === `×${N}`, `count: ${times}`);
    const loc = await page.textContent(`${top} > .finding-head .loc`);
    assert(/^first at line \d+:\d+$/.test(loc), `loc: ${loc}`);
    assert(!(await page.isVisible(`${top} details.finding-more > .finding-items`)), 'the others are not folded');
    await page.click(`${top} details.finding-more > summary`);
    await page.waitForSelector(`${top} details.finding-more[open] > .finding-items`, { state: 'visible', timeout: TIMEOUT });
    const inner = await page.$$(`${top} details.finding-more > .finding-items > [data-index]`);
    assert(inner.length === 100, `${inner.length} folded findings`);
    // The last one counts what the report does not list.
    const last = await page.textContent(`${top} details.finding-more > .finding-items > [data-index]:last-child .finding-message`);
    assert(/^900 more metadata-endpoint-insecure findings are not listed/.test(last), `last: ${last}`);
    // Unfolding selected nothing.
    assert(!(await page.$('.finding.is-selected')), 'a finding was selected by unfolding');
  });
  await page.screenshot({ path: path.join(t.shots, 'aggregates-light.png') });

  await check('aggregates: selecting a folded finding (keyboard) unfolds its group', async () => {
    await page.click(`${top} details.finding-more > summary`);
    await page.waitForSelector(`${top} details.finding-more:not([open])`, { timeout: TIMEOUT });
    await page.click(`${top} > .finding-head`);
    await page.keyboard.press('j');
    await page.waitForSelector(`${top} details.finding-more[open] .finding.is-selected`, { timeout: TIMEOUT });
  });

  await check('aggregates: accessibility (axe-core, WCAG 2.1 A/AA)', async () => {
    const violations = await t.axe(page);
    assert(violations.length === 0, violations.join('\n'));
  });

  await t.finish('aggregates', page, watch);
}
