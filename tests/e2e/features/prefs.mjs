// Theme toggle, keyboard shortcuts, the XML pane (signed regions, pretty view, copy, download),
// rule docs on demand, the panic notice; Escape leaves a field, single-letter shortcuts never
// fire from one, `c` says what it copied, and "show in XML" offers a way back to the finding
// where the page has one column (1024×768, a 720×900 split screen).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copiedBy } from '../clipboard.mjs';

export default async function (t) {
  const { check, assert, TIMEOUT, TEXTAREA } = t;
  // The example's decoded text: what the XML pane shows, copies and downloads, byte for byte.
  const exampleXml = readFileSync(path.join(t.examples, 'entra-response.xml'), 'utf8');
  const { context, page, watch } = await t.open('light');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await t.pickExample(page, 'entra-response');
  await page.waitForSelector('[data-finding]', { timeout: TIMEOUT });

  await check('theme toggle: system → light → dark → system, dark really dark, the button says which', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const choice = () => page.getAttribute('[data-action="theme"]', 'data-theme-choice');
    // What the button shows and what it is called: the theme on.
    const says = async (text, name) => {
      await page.waitForFunction(([text, name]) => {
        const b = document.querySelector('[data-action="theme"]');
        return b.textContent.includes(text) && b.getAttribute('aria-label') === name;
      }, [text, name], { timeout: TIMEOUT }).catch(async () => {
        const b = await page.$eval('[data-action="theme"]', (e) => `"${e.textContent}" / "${e.getAttribute('aria-label')}"`);
        throw new Error(`the theme button shows ${b}, not "${text}" / "${name}"`);
      });
    };
    assert((await choice()) === 'system', 'starts on system');
    await says('System', 'Theme: system (click to change)');
    await page.click('[data-action="theme"]');
    assert((await choice()) === 'light', 'light');
    await says('Light', 'Theme: light (click to change)');
    await page.click('[data-action="theme"]');
    assert((await choice()) === 'dark', 'dark');
    await says('Dark', 'Theme: dark (click to change)');
    await page.locator('.toolbar').screenshot({ path: path.join(t.shots, 'theme-button-dark.png') });
    // Its name stays on one line, as tall as the other tools, down to 1024 px.
    await page.setViewportSize({ width: 1024, height: 768 });
    const heights = await page.$$eval('.toolbar .tool', (tools) => tools.map((b) => Math.round(b.getBoundingClientRect().height)));
    await page.setViewportSize({ width: 1440, height: 900 });
    assert(new Set(heights).size === 1, `tool heights at 1024 px: ${heights}`);
    const [r, g, b] = (await background()).match(/\d+/g).map(Number);
    assert(r + g + b < 120, `dark toggle did not darken: ${r},${g},${b}`);
    await page.screenshot({ path: path.join(t.shots, 'toggle-dark.png') });
    const violations = await t.axe(page);
    assert(violations.length === 0, violations.join('\n'));
    await page.click('[data-action="theme"]');
    assert((await choice()) === 'system', 'back to system');
    assert((await page.getAttribute('html', 'data-theme')) === null, 'system removes data-theme');
  });

  await check('keyboard: j/k walk the findings, 1–4 switch views, / focuses the input, ? shows help', async () => {
    await page.click('h1.brand-name');
    await page.keyboard.press('j');
    const first = await page.getAttribute('.finding.is-selected', 'data-finding');
    assert(first, 'j selects a finding');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert((await page.getAttribute('.finding.is-selected', 'data-finding')) === first, 'k goes back');
    await page.keyboard.press('2');
    await page.waitForSelector('[data-view="claims"]', { timeout: TIMEOUT });
    await page.keyboard.press('1');
    await page.waitForSelector('[data-view="findings"]', { timeout: TIMEOUT });
    await page.keyboard.press('?');
    await page.waitForSelector('[data-view="shortcuts"]', { timeout: TIMEOUT });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-view="shortcuts"]', { state: 'detached', timeout: TIMEOUT });
    await page.keyboard.press('/');
    assert(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), TEXTAREA), '/ focuses the input');
    await page.click('h1.brand-name');
  });

  await check('keyboard: Escape leaves the input, and the shortcuts work again', async () => {
    await page.click('h1.brand-name');
    await page.keyboard.press('/');
    assert(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), TEXTAREA), '/ focuses the input');
    await page.keyboard.press('Escape');
    assert(await page.evaluate((sel) => document.activeElement !== document.querySelector(sel), TEXTAREA), 'Escape left the focus in the input');
    await page.keyboard.press('2');
    await page.waitForSelector('.tab-panel[data-view="claims"]', { timeout: TIMEOUT });
    await page.keyboard.press('1');
    await page.waitForSelector('.tab-panel[data-view="findings"]', { timeout: TIMEOUT });
  });

  await check('keyboard: `c` copies the decoded XML and says so, on screen and in a polite status', async () => {
    await page.click('h1.brand-name');
    const status = '[data-view="copy-status"]';
    assert((await page.getAttribute(status, 'role')) === 'status', 'the message is not a polite live region');
    assert((await page.textContent(status)) === '', 'the status is not empty before');
    const copied = await copiedBy(page, () => page.keyboard.press('c'), TIMEOUT);
    assert(copied === exampleXml, `c did not copy the decoded XML: ${copied.slice(0, 80)}`);
    await page.waitForFunction((sel) => document.querySelector(sel).textContent === 'Copied the decoded XML', status, { timeout: TIMEOUT });
    const box = await page.locator(status).boundingBox();
    const viewport = page.viewportSize();
    assert(box && box.width > 0 && box.y >= 0 && box.y + box.height <= viewport.height, `the message is not on screen: ${JSON.stringify(box)}`);
    // Not painted under anything (the results column covered it once).
    const covered = await page.evaluate((sel) => {
      const message = document.querySelector(sel);
      const r = message.getBoundingClientRect();
      return [[r.left + 4, r.top + r.height / 2], [r.right - 4, r.top + r.height / 2]]
        .filter(([x, y]) => !message.contains(document.elementFromPoint(x, y))).length;
    }, status);
    assert(covered === 0, 'the message is covered by the page');
    await page.screenshot({ path: path.join(t.shots, 'copied-light.png') });
    // It goes away by itself.
    await page.waitForFunction((sel) => document.querySelector(sel).textContent === '', status, { timeout: TIMEOUT });
  });

  await check('XML pane: signed region marked, pretty view says it is not the signed bytes', async () => {
    const signed = await page.$$eval('.line[data-signed="valid-untrusted"]', (l) => l.length);
    assert(signed > 0, 'no signed line marked');
    await page.click('[data-xml-mode="pretty"]');
    const note = await page.textContent('.xml-note.is-pretty');
    assert(/not the text that was signed/.test(note), note);
    const pretty = await page.textContent('[data-view="pretty"]');
    assert(pretty.split('\n').length > 20, 'pretty view is not indented');
    await page.screenshot({ path: path.join(t.shots, 'xml-pretty-light.png') });
    await page.click('[data-xml-mode="exact"]');
    await page.waitForSelector('[data-view="exact"]', { timeout: TIMEOUT });
  });

  await check('XML pane: copy puts the exact decoded text on the clipboard; download saves it', async () => {
    const copied = await copiedBy(page, () => page.click('[data-action="copy-xml"]'), TIMEOUT);
    assert(copied === exampleXml, `not the exact decoded text (${copied.length} characters for ${exampleXml.length}): ${copied.slice(0, 80)}`);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: TIMEOUT }),
      page.click('[data-action="download-xml"]'),
    ]);
    assert(download.suggestedFilename() === 'samlscope-decoded.xml', download.suggestedFilename());
    const saved = readFileSync(await download.path(), 'utf8');
    assert(saved === exampleXml, `the download is not the exact decoded text (${saved.length} characters for ${exampleXml.length})`);
  });

  await check('a finding links to its rule in rules.html (What / Why / How to fix), in a new tab', async () => {
    const item = page.locator('[data-finding]').first();
    const name = await item.getAttribute('data-finding');
    const link = item.locator('a.rule-docs');
    assert((await link.getAttribute('href')) === `rules.html#${name}`, await link.getAttribute('href'));
    assert((await link.getAttribute('target')) === '_blank', 'not in a new tab');
    // The rule reference page itself: every rule, with its documentation, no console error,
    // no request anywhere but this origin, accessible, light and dark.
    for (const scheme of ['light', 'dark']) {
      const docsPage = await context.newPage();
      await docsPage.emulateMedia({ colorScheme: scheme });
      const problems = [];
      docsPage.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      docsPage.on('request', (r) => { if (!r.url().startsWith(new URL(page.url()).origin)) problems.push(`foreign: ${r.url()}`); });
      await docsPage.goto(new URL(`rules.html#${name}`, page.url()).href);
      const docs = await docsPage.textContent(`#${name}`);
      assert(/What it does/.test(docs) && /How to fix/.test(docs), docs.slice(0, 120));
      const rules = await docsPage.$$eval('[data-rule]', (items) => items.length);
      assert(rules >= 70, `rules.html lists ${rules} rules`);
      const violations = await t.axe(docsPage);
      assert(violations.length === 0, violations.join('\n'));
      assert(problems.length === 0, problems.join('\n'));
      await docsPage.screenshot({ path: path.join(t.shots, `rules-page-${scheme}.png`) });
      await docsPage.close();
    }
  });

  await check('footer: the rule reference lists every rule, filters, links each to its docs, Escape closes it', async () => {
    assert((await page.getAttribute('footer [data-link="rule-docs"]', 'href')) === 'rules.html', 'footer link to rules.html');
    await page.click('[data-action="rules"]');
    await page.waitForSelector('[data-view="rules"]', { timeout: TIMEOUT });
    const all = await page.$$eval('[data-rule]', (items) => items.map((li) => li.dataset.rule));
    assert(all.length >= 69 && all.includes('audience-mismatch') && all.includes('signature-wrapping'), `rules: ${all.length}`);
    assert((await page.textContent('#rules-title')).includes(`${all.length} rules`), 'title count');
    await page.fill('[data-view="rules"] input[type=search]', 'SIG011');
    const filtered = await page.$$eval('[data-rule]', (items) => items.map((li) => li.dataset.rule));
    assert(filtered.length === 1 && filtered[0] === 'signature-untrusted', `filtered: ${filtered}`);
    const href = await page.getAttribute('[data-rule="signature-untrusted"] a', 'href');
    assert(href === 'rules.html#signature-untrusted', `link: ${href}`);
    const violations = await t.axe(page);
    assert(violations.length === 0, violations.join('\n'));
    await page.screenshot({ path: path.join(t.shots, 'rules-light.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-view="rules"]', { state: 'detached', timeout: TIMEOUT });
  });
  await t.finish('preferences', page, watch);
  await context.close();

  await check('keyboard: no single-letter shortcut fires from a field (input, Configure, Share, rule reference, editable), each types', async () => {
    const { context: c3, page: p3 } = await t.open('light');
    await t.pickExample(p3, 'entra-response');
    await p3.waitForSelector('[data-finding]', { timeout: TIMEOUT });
    // What a shortcut would change: the view, the selected finding, Configure, the help, the copy status.
    const state = () => p3.evaluate(() => [
      document.querySelector('.tab-panel')?.dataset.view,
      document.querySelector('.finding.is-selected')?.dataset.finding ?? null,
      Boolean(document.querySelector('#config-drawer')),
      Boolean(document.querySelector('[data-view="shortcuts"]')),
      document.querySelector('[data-view="copy-status"]')?.textContent ?? '',
    ].join('|'));
    const TEXT = new Set(['text', 'search', 'url', 'email', '']);
    const tried = [];
    const tryFields = async (scope, where) => {
      const fields = p3.locator(`${scope} :is(input:not([type=file]):not([type=hidden]), textarea, select, [contenteditable]):visible`);
      const n = await fields.count();
      assert(n > 0, `no field in ${where}`);
      for (let i = 0; i < n; i += 1) {
        const field = fields.nth(i);
        const label = `${where} ${await field.evaluate((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.type ? `[${e.type}]` : ''}`)}`;
        await field.focus();
        const before = await state();
        const textual = await field.evaluate((e, text) => e.tagName === 'TEXTAREA' || (e.tagName === 'INPUT' && text.includes(e.getAttribute('type') ?? '')), [...TEXT]);
        const value = textual ? await field.inputValue() : null;
        for (const key of ['j', 'k', '2', ',', 'c', '?', '/']) await p3.keyboard.press(key);
        await p3.waitForTimeout(50);
        const after = await state();
        assert(after === before, `${label}: a shortcut fired (${before} → ${after})`);
        assert(await field.evaluate((e) => document.activeElement === e), `${label}: lost the focus`);
        if (textual) {
          const typed = await field.inputValue();
          assert(typed === `${value}jk2,c?/`, `${label}: typed ${JSON.stringify(typed)}`);
          await field.fill(value);
        }
        tried.push(label);
      }
    };
    await tryFields('.input-pane', 'the input:');
    await p3.click('[data-action="configure"]');
    await p3.waitForSelector('#config-drawer', { timeout: TIMEOUT });
    await tryFields('#config-drawer', 'Configure:');
    await p3.click('[data-action="configure"]');
    await p3.waitForSelector('#config-drawer', { state: 'detached', timeout: TIMEOUT });
    await p3.click('[data-action="share"]');
    await p3.waitForSelector('[data-action="copy-redacted"]', { timeout: TIMEOUT });
    await tryFields('#share-panel', 'Share:');
    await p3.keyboard.press('Escape');
    await p3.click('[data-action="rules"]');
    await p3.waitForSelector('[data-view="rules"]', { timeout: TIMEOUT });
    await tryFields('[data-view="rules"]', 'rule reference:');
    await p3.keyboard.press('Escape');
    // The page has no editable region of its own; one added (an extension's, say) counts too.
    await p3.evaluate(() => {
      const region = document.createElement('div');
      region.id = 'e2e-editable';
      region.innerHTML = '<p contenteditable="true">note</p>';
      document.querySelector('footer').append(region);
    });
    await tryFields('#e2e-editable', 'an editable region:');
    console.log(`    (${tried.length} fields: ${tried.join(', ')})`);
    await c3.close();
  });

  for (const [width, height] of [[1024, 768], [720, 900]]) {
    await check(`show in XML at ${width}×${height}: the page scrolls to the XML, "Back to finding" brings the finding back`, async () => {
      const { context: c4, page: p4, watch: w4 } = await t.open('light');
      await p4.setViewportSize({ width, height });
      await t.pickExample(p4, 'entra-response');
      await p4.waitForSelector('[data-finding]', { timeout: TIMEOUT });
      const inView = (sel) => p4.evaluate((sel) => {
        const r = document.querySelector(sel)?.getBoundingClientRect();
        return Boolean(r) && r.bottom > 0 && r.top < innerHeight;
      }, sel);
      // One column here: the XML is below the results, so showing it scrolls the finding away.
      const columns = await p4.evaluate(() => getComputedStyle(document.querySelector('.workspace')).gridTemplateColumns.split(' ').length);
      assert(columns === 1, `${columns} columns at ${width} px`);
      await p4.locator('[data-finding]:has(.finding-head .loc) .finding-head').first().click();
      await p4.waitForFunction(() => {
        const box = document.querySelector('.xml')?.getBoundingClientRect();
        return box && box.top >= 0 && box.top < innerHeight / 2;
      }, null, { timeout: TIMEOUT });
      assert(await inView('.xml .is-selected-mark, .xml .line.is-selected'), 'the finding\'s place in the XML is not in view');
      assert(!(await inView('.finding.is-selected')), 'the finding is still in view (nothing to come back from)');
      const back = p4.locator('[data-action="back-to-finding"]');
      assert(await back.isVisible(), 'no way back to the finding');
      assert(await inView('[data-action="back-to-finding"]'), '"Back to finding" is not in view next to the XML');
      await p4.screenshot({ path: path.join(t.shots, `show-in-xml-${width}x${height}.png`) });
      await back.click();
      await p4.waitForFunction(() => {
        const r = document.querySelector('.finding.is-selected')?.getBoundingClientRect();
        return r && r.top >= 0 && r.bottom <= innerHeight;
      }, null, { timeout: TIMEOUT });
      assert(await p4.evaluate(() => document.activeElement === document.querySelector('.finding.is-selected .finding-head')), 'the finding does not have the focus');
      await t.finish(`show in XML ${width}×${height}`, p4, w4);
      await c4.close();
    });
  }

  await check('show in XML at 1440×900: the finding stays in view beside the XML (no way back needed)', async () => {
    const { context: c5, page: p5 } = await t.open('light');
    await t.pickExample(p5, 'entra-response');
    await p5.waitForSelector('[data-finding]', { timeout: TIMEOUT });
    await p5.locator('[data-finding]:has(.finding-head .loc) .finding-head').first().click();
    await p5.waitForSelector('.xml .is-selected-mark', { timeout: TIMEOUT });
    await p5.waitForTimeout(300);
    const finding = await p5.evaluate(() => {
      const r = document.querySelector('.finding.is-selected').getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight;
    });
    assert(finding, 'the finding left the screen');
    assert(!(await p5.locator('[data-action="back-to-finding"]').isVisible()), '"Back to finding" shows in two columns');
    await c5.close();
  });

  await check('a panic shows a recoverable notice, not a dead page', async () => {
    // The app panics on purpose when opened with this fragment (src/panic.rs).
    const { context: c2, page: p2 } = await t.open('light');
    await p2.goto(`${t.server.url}#samlscope-panic-test`);
    await p2.reload();
    await p2.waitForSelector('[data-view="panic"]', { timeout: TIMEOUT });
    const text = await p2.textContent('[data-view="panic"]');
    assert(/internal error/.test(text) && /never left this page/.test(text), text);
    // The reload link leaves out the fragment that made the app panic (else it panics again).
    const reload = await p2.$eval('[data-view="panic"] a[href]', (a) => a.href).catch(() => null);
    assert(reload !== null, 'no reload link');
    const url = new URL(reload);
    assert(url.origin === new URL(t.server.url).origin && url.hash === '' && url.pathname === new URL(t.server.url).pathname, `reload link: ${reload}`);
    await c2.close();
  });
}
