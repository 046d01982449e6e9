// The page at 3 a.m. (issue 12): the cause first, one clock, no noise.
//
// With the page's clock set six days after an Entra response for TimeTrack whose Identifier
// names another customer (tests/e2e/fixtures/entra-other-tenant.xml), pasted with no
// configuration: the verdict line leads with the tenant mismatch, the expiry is one folded
// note, and every view judges times at the same clock, which can be changed (IssueInstant, a
// chosen time). Also: "Apply" for the suggested app profile, the same rule on Response and
// Assertion in one card, the XML pane's signature legend from the core's verdict, a
// certificate rollover with Copy for the new thumbprint, and no CLI flag or backtick in the
// page's words. Screenshots triage-{light,dark}-{1440,1024}.png.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clipboardWhen, copiedBy } from '../clipboard.mjs';

const DAY = 86_400_000;
// `openssl x509 -noout -fingerprint -sha1 -in static/examples/keys/TEST-ONLY-signing-cert.pem`.
const SHA1 = '80ACD12D683C9A4A0FD60B9FD45DF864528917F1';

export default async function (t) {
  const { check, assert, TIMEOUT, settled, paste } = t;
  const fixture = readFileSync(path.join(t.root, 'tests/e2e/fixtures/entra-other-tenant.xml'));
  const issued = Date.parse(fixture.toString().match(/IssueInstant="([^"]+)"/)[1]);
  const base64 = fixture.toString('base64');
  const texts = (page, selector) => page.$$eval(selector, (all) => all.map((e) => e.textContent));

  for (const [scheme, width, height] of [['light', 1440, 900], ['dark', 1024, 768]]) {
    const { context, page, watch } = await t.open(scheme);
    const full = scheme === 'light';
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.server.url });
    await page.setViewportSize({ width, height });
    await page.clock.setFixedTime(new Date(issued + 6 * DAY));
    await paste(page, base64);

    await check(`triage (${scheme}): six days old, another tenant, no configuration: the tenant mismatch leads`, async () => {
      const first = await page.$eval('.results .verdict > *', (e) => e.className);
      assert(first.includes('verdict-line'), `the results start with ${first}`);
      const line = await page.textContent('.verdict-line');
      assert(/^Rejected:/.test(line.trim()), `verdict: ${line}`);
      assert(line.includes('fabrikam') && line.includes('contoso'), `verdict names no tenants: ${line}`);
      assert(!/expired/.test(line), `verdict speaks of the expiry: ${line}`);
      const cards = await page.$$eval('.findings > .finding-group [data-finding]', (all) => all.map((e) => e.dataset.finding));
      assert(cards[0] === 'audience-mismatch', `first card: ${cards}`);
      for (const time of ['conditions-expired', 'subject-confirmation-expired', 'issue-instant-skew']) {
        assert(!cards.includes(time), `${time} is a card of its own: ${cards}`);
      }
      const note = await page.textContent('[data-view="old-copy"]');
      assert(/This message is 6 days old/.test(note) && /as expected for a copy/.test(note), `note: ${note}`);
      const folded = await page.$$eval('[data-view="old-copy"] details [data-finding]', (all) => all.map((e) => e.dataset.finding));
      assert(folded.length === 3, `folded: ${folded}`);
      assert(!(await page.$eval('[data-view="old-copy"] details', (d) => d.open)), 'the note is open');
      const chip = await page.textContent('.count.sev-old');
      assert(/3 expected of an old copy/.test(chip), chip);
      const errors = await page.textContent('.count.sev-error');
      assert(errors.trim() === '1 error', `error count: ${errors}`);
    });

    // The README's screenshots, at both sizes (the verdict and the first card in view).
    for (const [w, h] of [[1440, 900], [1024, 768]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(t.shots, `triage-${scheme}-${w}.png`) });
    }
    await page.setViewportSize({ width, height });

    if (full) {
      await check('triage: every view judges at the same clock, and the clock can be changed', async () => {
        // At the time of inspection: the summary, the timeline and the clock-skew view agree.
        const at = new Date(issued + 6 * DAY).toISOString();
        assert((await page.textContent('.clock-at')).includes(at.slice(0, 16)), 'clock shows the time of inspection');
        const times = await page.textContent('.summary');
        assert(/6 days ago/.test(times) && /rejects/.test(times), 'summary: expired and rejected');
        await page.click('[data-tab="timeline"]');
        await page.waitForSelector('[data-view="timeline-chart"]', { timeout: TIMEOUT });
        assert((await page.$$('.clock-select')).length === 1, 'the clock is not shown, or twice, with the Conditions');
        const chart = await page.textContent('[data-view="timeline-chart"]');
        assert(/expired/.test(chart) && !/\bvalid\b(?!ity)/.test(chart.replace(/valid for|Valid/g, '')), `timeline: ${chart.slice(0, 300)}`);
        const accepted = await page.$$eval('[data-sp]', (all) => all.map((e) => e.dataset.accepted));
        assert(accepted.length > 0 && accepted.every((a) => a === 'false'), `acceptance now: ${accepted}`);

        // At the message's IssueInstant: nothing expired anywhere.
        await page.selectOption('.clock-select', 'issue-instant');
        await settled(page);
        await page.waitForFunction(() => document.querySelector('.clock-at')?.textContent.startsWith('2026-11-23') || document.querySelector('.clock-at') !== null, null, { timeout: TIMEOUT });
        const clock = await page.textContent('.clock-at');
        assert(clock.startsWith(new Date(issued).toISOString().slice(0, 19)), `clock at IssueInstant: ${clock}`);
        const chart2 = await page.textContent('[data-view="timeline-chart"]');
        assert(!/expired/.test(chart2), `timeline at IssueInstant says expired: ${chart2.slice(0, 300)}`);
        const accepted2 = await page.$$eval('[data-sp]', (all) => all.map((e) => e.dataset.accepted));
        assert(accepted2.every((a) => a === 'true'), `acceptance at IssueInstant: ${accepted2}`);
        await page.click('[data-tab="findings"]');
        await page.waitForSelector('.verdict-line', { timeout: TIMEOUT });
        assert((await page.$('[data-view="old-copy"]')) === null, 'old-copy note at IssueInstant');
        const summary = await page.textContent('.summary');
        assert(/judged at the message's IssueInstant/.test(summary), 'summary says what it judges at');
        const cards = await page.$$eval('[data-finding]', (all) => all.map((e) => e.dataset.finding));
        assert(!cards.includes('conditions-expired'), `conditions-expired at IssueInstant: ${cards}`);

        // A chosen time, past the window: the expiry is a finding again, not an old copy's note.
        await page.selectOption('.clock-select', 'custom');
        await page.waitForSelector('.clock-custom', { timeout: TIMEOUT });
        await page.fill('.clock-custom', new Date(issued + 2 * 3_600_000).toISOString().slice(0, 19));
        await page.dispatchEvent('.clock-custom', 'change');
        await page.waitForSelector('.results [data-finding="conditions-expired"]', { timeout: TIMEOUT });
        assert((await page.$('[data-view="old-copy"]')) === null, 'a chosen time makes an old-copy note');

        // Back to now; then the note's own button judges at the IssueInstant.
        await page.selectOption('.clock-select', 'now');
        await page.waitForSelector('[data-view="old-copy"]', { timeout: TIMEOUT });
        await page.click('[data-action="judge-at-issue-instant"]');
        await page.waitForSelector('[data-view="old-copy"]', { state: 'detached', timeout: TIMEOUT });
        assert((await page.$eval('.clock-select', (s) => s.value)) === 'issue-instant', 'select follows the button');
        await page.selectOption('.clock-select', 'now');
        await page.waitForSelector('[data-view="old-copy"]', { timeout: TIMEOUT });
      });

      await check('triage: a share link carries the clock, so that the recipient sees the same time findings', async () => {
        await page.selectOption('.clock-select', 'issue-instant');
        await page.waitForSelector('[data-view="old-copy"]', { state: 'detached', timeout: TIMEOUT });
        await page.click('[data-action="share"]');
        await page.waitForSelector('[data-action="copy-link"]', { timeout: TIMEOUT });
        const link = await copiedBy(page, () => page.click('[data-action="copy-link"]'), TIMEOUT);
        assert(/&t=issue-instant$/.test(link), `the link does not carry the clock: …${link.slice(-40)}`);
        await page.keyboard.press('Escape');
        const shared = await context.newPage();
        await shared.clock.setFixedTime(new Date(issued + 6 * DAY));
        await shared.goto(link);
        await shared.waitForSelector('.verdict-line', { timeout: TIMEOUT });
        assert((await shared.$eval('.clock-select', (s) => s.value)) === 'issue-instant', 'the recipient judges at another clock');
        assert((await shared.$('[data-view="old-copy"]')) === null, 'the recipient sees an old copy');
        await shared.close();
        await page.selectOption('.clock-select', 'now');
        await page.waitForSelector('[data-view="old-copy"]', { timeout: TIMEOUT });
      });

      await check('triage: the suggested app profile is applied from the results', async () => {
        const offer = await page.textContent('[data-view="suggested-profile"]');
        assert(/TimeTrack/.test(offer) && /Tutorial: Azure AD SSO integration with TimeTrack/.test(offer), `offer: ${offer}`);
        assert(!/seed/.test(offer), `internal name: ${offer}`);
        await page.click('[data-action="apply-profile"]');
        await page.waitForFunction(() => document.querySelector('[data-action="configure"] .tool-count')?.textContent.trim() === '1', null, { timeout: TIMEOUT });
        await settled(page);
        assert((await page.$('[data-view="suggested-profile"]')) === null, 'still offered once applied');
        const cards = await page.$$eval('.findings > .finding-group [data-finding]', (all) => all.map((e) => e.dataset.finding));
        assert(cards[0] === 'audience-mismatch', `with the profile, first card: ${cards}`);
      });

      await check('triage: an unconfigured Audience on another tenant of the Destination is a warning that asks', async () => {
        const xml = readFileSync(path.join(t.examples, 'entra-response.xml'), 'utf8')
          .replace('Destination="https://contoso.timetrackenterprise.com', 'Destination="https://fabrikam.timetrackenterprise.com');
        const { context: c2, page: p2, watch: w2 } = await t.open('light');
        await p2.clock.setFixedTime(new Date(issued + 600_000));
        await paste(p2, xml);
        const card = await p2.textContent('[data-finding="audience-mismatch"]');
        assert(/is the Identifier \(Entity ID\) right\?/.test(card), card);
        assert((await p2.getAttribute('[data-finding="audience-mismatch"]', 'data-severity')) === 'warning', 'severity');
        const line = await p2.textContent('.verdict-line');
        assert(/^Some SPs reject it:/.test(line.trim()) && /contoso/.test(line), `verdict: ${line}`);
        await t.finish('triage-unconfigured', p2, w2);
        await c2.close();
      });
    }

    await t.finish(`triage-${scheme}`, page, watch);
    await context.close();
  }

  // ---- the same rule on Response and Assertion; signatures; rollover; words -------------
  {
    const { context, page, watch } = await t.open('light');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.server.url });
    await page.clock.setFixedTime(new Date(issued + 600_000));
    await t.pickExample(page, 'entra-response');
    await page.waitForSelector('.verdict-line', { timeout: TIMEOUT });
    await settled(page);

    await check('triage: an unconfigured signature is "key not checked" in the XML pane, never "does not hold"', async () => {
      const legend = await page.textContent('.signed-legend');
      assert(/key not checked/.test(legend), legend);
      assert(!/does not hold/.test(await page.textContent('body')), 'says "does not hold"');
      assert((await page.$$('.line[data-signed="valid-untrusted"]')).length > 0, 'lines not marked');
    });

    await check('triage: the timeline judges a session as session-expired does (with the skew)', async () => {
      // The example with a SessionNotOnOrAfter 10 min after issue, inspected 11 min after: past
      // it, but within the 180 s skew — no session-expired, and the timeline does not say "ended".
      const xml = readFileSync(path.join(t.examples, 'entra-response.xml'), 'utf8')
        .replace(/<AuthnStatement AuthnInstant="([^"]+)"/, (m) => `${m} SessionNotOnOrAfter="${new Date(issued + 600_000).toISOString()}"`);
      const { context: c3, page: p3, watch: w3 } = await t.open('light');
      await p3.clock.setFixedTime(new Date(issued + 660_000));
      await paste(p3, xml);
      assert((await p3.$('[data-finding="session-expired"]')) === null, 'session-expired within the skew');
      await p3.click('[data-tab="timeline"]');
      const flag = (await p3.textContent('[data-item="session"] .tl-flag')).trim();
      assert(flag === 'ended, within the skew', `timeline session flag: ${flag}`);
      await p3.clock.setFixedTime(new Date(issued + 900_000));
      await p3.fill(t.TEXTAREA, '');
      await paste(p3, xml);
      await p3.click('[data-tab="findings"]');
      await p3.waitForSelector('[data-finding="session-expired"]', { state: 'attached', timeout: TIMEOUT });
      await p3.click('[data-tab="timeline"]');
      assert((await p3.textContent('[data-item="session"] .tl-flag')).trim() === 'ended', 'past the skew: ended');
      await t.finish('triage-session', p3, w3);
      await c3.close();
    });

    await check('triage: the page quotes no command-line flag and shows no literal backtick', async () => {
      for (const id of ['entra-response', 'redirect-authnrequest', 'entra-metadata', 'error-response']) {
        await t.pickExample(page, id);
        await settled(page);
        for (const tab of ['findings', 'claims', 'timeline', 'signatures']) {
          await page.click(`[data-tab="${tab}"]`);
          await page.waitForSelector(`.tab-panel[data-view="${tab}"]`, { timeout: TIMEOUT });
          const text = await page.textContent('.column-results');
          assert(!/(^|[\s(])--[a-z]/.test(text), `${id}/${tab} quotes a flag: ${text.match(/.{40}--[a-z].{20}/)?.[0]}`);
          assert(!text.includes('`'), `${id}/${tab} shows a backtick: ${text.match(/.{40}`.{20}/)?.[0]}`);
        }
        await page.click('[data-tab="findings"]');
        if (id === 'entra-metadata') {
          const line = await page.textContent('.verdict-line');
          assert(!/Reply URL/.test(line), `metadata is asked for a Reply URL: ${line}`);
        }
      }
    });

    await check('triage: a rule on the Response and the Assertion is one card that says which', async () => {
      await t.pickExample(page, 'entra-response');
      await page.click('[data-action="configure"]');
      await page.fill('#cfg-idp-identifier', 'https://sts.windows.net/00000000-0000-0000-0000-000000000000/');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-finding="issuer-mismatch"]', { timeout: TIMEOUT });
      await settled(page);
      const cards = await page.$$('.finding-group [data-finding="issuer-mismatch"]');
      assert(cards.length === 1, `${cards.length} issuer-mismatch cards`);
      const parts = await page.textContent('[data-finding="issuer-mismatch"] .finding-parts');
      assert(/on the Response and the Assertion/.test(parts), parts);
      assert((await page.$$('[data-finding="issuer-mismatch"] .finding-also')).length === 1, 'the Assertion\'s finding is not in the card');
      const tab = await page.textContent('[data-tab="findings"] .tab-count');
      // Each problem counted once: the cards, and an old copy's gathered findings.
      const listed = (await page.$$('.finding-group [data-finding]')).length
        + (await page.$$('[data-view="old-copy"] [data-finding]')).length;
      assert(Number(tab) === listed, `tab counts ${tab}, the list shows ${listed}`);
      await page.click('[data-action="configure"]');
      await page.fill('#cfg-idp-identifier', '');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-finding="issuer-mismatch"]', { state: 'detached', timeout: TIMEOUT });
    });

    await check('triage: a rollover leads with the new certificate, offers Copy of its thumbprint, and the XML pane says "not by the trusted key"', async () => {
      await page.click('[data-action="configure"]');
      await page.fill('#cfg-thumbprints', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-finding="certificate-untrusted"]', { timeout: TIMEOUT });
      await settled(page);
      const line = await page.textContent('.verdict-line');
      assert(/Rejected: the IdP now signs with a new certificate/.test(line), `verdict: ${line}`);
      const copy = await page.getAttribute('[data-finding="certificate-untrusted"] [data-copy="new-thumbprint"]', 'data-copy-text');
      assert(copy === SHA1, `copy offers ${copy}`);
      await page.click('[data-finding="certificate-untrusted"] [data-copy="new-thumbprint"]');
      await clipboardWhen(page, { equals: SHA1 }, TIMEOUT);
      const legend = await page.textContent('.signed-legend');
      assert(/not by the trusted key/.test(legend) && !/does not hold/.test(legend), legend);
      await page.click('[data-action="configure"]');
      await page.fill('#cfg-thumbprints', '');
      await page.keyboard.press('Escape');
    });

    await check('triage: a broken signature is the only one that "does not hold"', async () => {
      const xml = readFileSync(path.join(t.examples, 'entra-response.xml'), 'utf8').replace('Jordan Lee', 'Jordan Leo');
      await page.fill(t.TEXTAREA, xml);
      await page.waitForSelector('[data-finding="signature-digest-mismatch"]', { timeout: TIMEOUT });
      const legend = await page.textContent('.signed-legend');
      assert(/does not hold/.test(legend), legend);
      assert((await page.$$('.line[data-signed="invalid"]')).length > 0, 'lines not marked invalid');
    });

    await t.finish('triage-words', page, watch);
    await context.close();
  }
}
