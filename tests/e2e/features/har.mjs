// HAR files: the page lists a capture's SAML messages in order, shows one at a time in every
// view, says a finding about the flow (a response that answers another request) once, with its
// message, counted alike in its row and its verdict, and
// what the app answered to the POST of a response (a 302 to its error page, cookies set) —
// never a cookie value nor another header's value, on the page or in what it shares.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copiedBy } from '../clipboard.mjs';

export default async function (t) {
  const { check, assert, TIMEOUT } = t;
  const { context, page, watch } = await t.open('light');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const har = readFileSync(path.join(t.root, 'crates/samlscope-core/tests/fixtures/har/sign-in.har'));
  const detectedKind = () => page.evaluate(() => document.querySelector('.detected')?.textContent.trim());
  const shown = () => page.getAttribute('.har-message button[aria-pressed="true"]', 'title');

  await check('har: opening a HAR file lists its SAML messages in capture order and shows one', async () => {
    await page.setInputFiles('input[type=file]', { name: 'sign-in.har', mimeType: 'application/json', buffer: har });
    await page.waitForSelector('.har-flow', { timeout: TIMEOUT });
    const items = await page.$$eval('.har-message', (all) => all.map((li) => li.textContent));
    assert(items.length === 2, `messages: ${items.length}`);
    assert(/GET AuthnRequest/.test(items[0]) && /login\.microsoftonline\.com/.test(items[0]), items[0]);
    assert(/POST SAML Response/.test(items[1]) && /timetrackenterprise\.com\/api\/v2\/azure\/callback/.test(items[1]), items[1]);
    assert((await page.textContent('.har-summary')).includes('2 SAML messages in 3 requests'), 'summary');
    assert((await page.$$('.har-message button[aria-pressed="true"]')).length === 1, 'exactly one message shown');
  });

  await check('har: picking a message shows it in the views', async () => {
    await page.click('[data-har-message="0"] button');
    await page.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('AuthnRequest'), null, { timeout: TIMEOUT });
    assert((await shown()).startsWith('https://login.microsoftonline.com/'), `shown: ${await shown()}`);
    // Every view follows: the XML pane shows the request, not the response shown before.
    await page.waitForFunction(() => document.querySelector('.xml')?.textContent.includes('AuthnRequest'), null, { timeout: TIMEOUT });
    assert(!(await page.textContent('.xml')).includes('SAMLResponse') && !(await page.textContent('.xml')).includes('samlp:Response'), 'the XML pane still shows the response');
    await page.click('[data-har-message="1"] button');
    await page.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('Response'), null, { timeout: TIMEOUT });
    assert((await page.textContent('.summary')).includes('jordan.lee@contoso.com'), 'the response summary is shown');
  });
  await page.screenshot({ path: path.join(t.shots, 'har-light.png') });

  await check('har: a response to another request: one finding, with its message, counted alike in row and verdict', async () => {
    // The same sign-in, but the captured AuthnRequest has another ID (POST binding).
    const request = readFileSync(path.join(t.examples, 'redirect-authnrequest.xml'), 'utf8').replace(/ ID="[^"]+"/, ' ID="_another-sign-in"');
    const response = readFileSync(path.join(t.examples, 'entra-response.b64'), 'utf8');
    const body = (name, value) => `${name}=${encodeURIComponent(value)}`;
    const capture = {
      log: {
        version: '1.2',
        entries: [
          { startedDateTime: '2026-11-23T16:57:30.000Z', request: { method: 'POST', url: 'https://login.microsoftonline.com/saml2', postData: { mimeType: 'application/x-www-form-urlencoded', text: body('SAMLRequest', Buffer.from(request).toString('base64')) } } },
          { startedDateTime: '2026-11-23T16:57:44.000Z', request: { method: 'POST', url: 'https://contoso.timetrackenterprise.com/api/v2/azure/callback', postData: { mimeType: 'application/x-www-form-urlencoded', text: body('SAMLResponse', response) } } },
        ],
      },
    };
    await page.setInputFiles('input[type=file]', { name: 'mismatch.har', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(capture)) });
    // Shown first (the first message with an error), said once: with its message, where the
    // verdict leads with it and the row counts it as the verdict does.
    await page.waitForSelector('.finding-group [data-finding="in-response-to-mismatch"]', { timeout: TIMEOUT });
    assert((await page.$$('[data-finding="in-response-to-mismatch"]')).length === 1, 'the flow finding is said more than once');
    assert((await page.getAttribute('[data-har-message="1"]', 'class')).includes('has-errors'), 'the response is marked');
    assert(/^Rejected:/.test((await page.textContent('.verdict-line')).trim()), 'the verdict does not lead with it');
    const chips = await page.$$eval('.counts .count:not(.is-zero)', (all) => all.map((c) => c.textContent.trim()).filter((c) => !/info|old copy/.test(c)));
    const row = (await page.textContent('[data-har-message="1"] .har-counts')).trim();
    assert(row === (chips.length ? chips.join(', ') : 'no errors'), `row "${row}", verdict "${chips.join(', ')}"`);
    await page.click('[data-har-message="0"] button');
    await page.waitForFunction(() => document.querySelector('.detected')?.textContent.includes('AuthnRequest'), null, { timeout: TIMEOUT });
    assert((await page.$$('[data-finding="in-response-to-mismatch"]')).length === 0, 'the request shows the response\'s finding');
  });

  await check('har: a HAR without SAML messages says so', async () => {
    const capture = { log: { version: '1.2', entries: [{ request: { method: 'GET', url: 'https://example.com/' } }] } };
    await page.setInputFiles('input[type=file]', { name: 'nothing.har', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(capture)) });
    await page.waitForSelector('.har-empty', { timeout: TIMEOUT });
    assert((await page.textContent('.har-summary')).includes('0 SAML messages in 1 request'), 'summary');
    // The core's own reading of the file (JSON, no SAML message), not the message shown before.
    const kind = await page.getAttribute('.detected', 'data-kind');
    assert(kind === 'unknown', `the page shows ${kind} "${await detectedKind()}", not the core's reading of the file`);
  });

  let okLook = null;
  await check('har: beside the response, what the app answered (a 200: status and content type only)', async () => {
    await page.setInputFiles('input[type=file]', { name: 'sign-in.har', mimeType: 'application/json', buffer: har });
    await page.waitForSelector('[data-har-message="1"] .har-answer', { timeout: TIMEOUT });
    const answer = (await page.textContent('[data-har-message="1"] .har-answer')).trim();
    assert(answer === 'The app answered 200 · text/html', answer);
    okLook = await page.$eval('[data-har-message="1"] .har-answer', (e) => { const c = getComputedStyle(e); return [c.color, c.borderLeftStyle]; });
    assert((await page.$$('[data-har-message="0"] .har-answer')).length === 0, 'a request has no answer line');
  });

  await check('har: a 302 to an error page is flagged, cookie names shown, no secret shown or shared', async () => {
    const denied = readFileSync(path.join(t.root, 'crates/samlscope-core/tests/fixtures/har/sign-in-denied.har'));
    await page.setInputFiles('input[type=file]', { name: 'sign-in-denied.har', mimeType: 'application/json', buffer: denied });
    await page.waitForSelector('[data-har-message="1"] .har-answer.is-error', { timeout: TIMEOUT });
    const line = page.locator('[data-har-message="1"] .har-answer');
    const text = (await line.textContent()).trim();
    assert(text === 'The app answered 302 → https://contoso.timetrackenterprise.com/login/error?reason=saml_access_denied (looks like an error page) · cookies set: tt_sso_state, ARRAffinity', text);
    // Set apart from an answer that is no failure (the 200 of the other capture).
    const look = await line.evaluate((e) => { const c = getComputedStyle(e); return [c.color, c.borderLeftStyle]; });
    assert(look[0] !== okLook[0] && look[1] === 'solid', `the error page is not highlighted: ${look} (a 200: ${okLook})`);
    await page.locator('.har-flow').screenshot({ path: path.join(t.shots, 'har-answer-light.png') });
    const html = await page.content();
    assert(!html.includes('SECRET'), 'a cookie or header value is in the page');
    // Neither the redacted copy nor the share link carries them.
    await page.click('[data-action="share"]');
    await page.waitForSelector('[data-action="copy-redacted"]', { timeout: TIMEOUT });
    const redacted = await copiedBy(page, () => page.click('[data-action="copy-redacted"]'), TIMEOUT);
    assert(redacted.includes('Response') && !redacted.includes('SECRET') && !redacted.includes('tt_sso_state'), 'the redacted copy carries the answer');
    const link = await copiedBy(page, () => page.click('[data-action="copy-link"]'), TIMEOUT);
    const shared = await context.newPage();
    await shared.goto(link);
    await shared.waitForSelector('.verdict-line', { timeout: TIMEOUT });
    const restored = await shared.content();
    assert(!restored.includes('SECRET') && !restored.includes('tt_sso_state'), 'the share link carries the answer');
    await shared.close();
    await page.keyboard.press('Escape');
  });

  await check('har: accessibility (axe-core, WCAG 2.1 A/AA)', async () => {
    await page.setInputFiles('input[type=file]', { name: 'sign-in.har', mimeType: 'application/json', buffer: har });
    await page.waitForSelector('.har-message', { timeout: TIMEOUT });
    const violations = await t.axe(page);
    assert(violations.length === 0, violations.join('\n'));
  });
  await t.finish('har', page, watch);
}
