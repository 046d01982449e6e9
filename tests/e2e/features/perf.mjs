// Paste-to-findings, measured (printed, never asserted as a timing): a typical signed 10 KB Entra
// response (crates/samlscope-core/benches/data) is pasted with Ctrl+V; the time runs from the
// paste event to the first finding in the DOM. Meaningful on the release build (scripts/test.sh).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export default async function (t) {
  const { check, assert, TIMEOUT, TEXTAREA } = t;
  const message = readFileSync(path.join(t.root, 'crates/samlscope-core/benches/data/entra-response-10kb-signed.b64'), 'utf8').trim();
  const { context, page, watch } = await t.open('light');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  await check('paste-to-findings of a signed 10 KB Entra response (median of 7)', async () => {
    const times = [];
    for (let i = 0; i < 8; i += 1) {
      await page.evaluate((text) => navigator.clipboard.writeText(text), message);
      await page.evaluate(() => {
        window.__pasteToFindings = new Promise((resolve) => {
          let start = 0;
          document.addEventListener('paste', () => { start = performance.now(); }, { capture: true, once: true });
          const observer = new MutationObserver(() => {
            if (start && document.querySelector('.results:not(.is-stale) [data-finding]')) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
        });
      });
      await page.focus(TEXTAREA);
      await page.keyboard.press('Control+V');
      const ms = await page.evaluate(() => window.__pasteToFindings);
      if (i > 0) times.push(ms); // the first run warms the wasm up
      await page.click('text=Clear');
      await page.waitForSelector('[data-finding]', { state: 'detached', timeout: TIMEOUT });
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(`    paste-to-findings: median ${median.toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}; ${message.length} B base64)`);
    assert(Number.isFinite(median), 'no measurement');
  });

  await t.finish('performance', page, watch);
  await context.close();
}
