// Waiting for the clipboard, as a condition. Reading it is asynchronous
// (navigator.clipboard.readText), and page.waitForFunction does not await a predicate's promise
// (a promise is truthy: `waitForFunction(async () => …)` passes at once, whatever it would
// find). So the predicate starts one read at a time and answers from the last read that
// completed; each wait starts from a fresh record, so an older read can never answer it.

/**
 * Waits until the clipboard's text satisfies `want` — `{ equals: text }` or `{ not: text }` —
 * and returns it. Fails after `timeout` ms saying what the clipboard held.
 */
export async function clipboardWhen(page, want, timeout) {
  await page.evaluate(() => { window.__e2eClipboard = { text: null, reading: false }; });
  try {
    const handle = await page.waitForFunction(({ equals, not }) => {
      const record = window.__e2eClipboard;
      if (!record.reading) {
        record.reading = true;
        navigator.clipboard.readText()
          .then((text) => { record.text = text; }, () => {})
          .finally(() => { record.reading = false; });
      }
      if (record.text === null) return false;
      const ok = equals !== undefined ? record.text === equals : record.text !== not;
      return ok ? { text: record.text } : false;
    }, want, { timeout, polling: 25 });
    return (await handle.jsonValue()).text;
  } catch (error) {
    const held = await page.evaluate(() => window.__e2eClipboard?.text).catch(() => null);
    const wanted = want.equals !== undefined ? `want ${JSON.stringify(want.equals.slice(0, 80))}` : `want anything but ${JSON.stringify(want.not)}`;
    throw new Error(`clipboard: ${JSON.stringify(held?.slice(0, 80) ?? null)} (${wanted}): ${error.message.split('\n')[0]}`);
  }
}

/** Puts a marker on the clipboard, runs `action`, and returns what the action copied. */
export async function copiedBy(page, action, timeout) {
  const marker = `(nothing copied yet ${Date.now()})`;
  await page.evaluate((text) => navigator.clipboard.writeText(text), marker);
  await action();
  return clipboardWhen(page, { not: marker }, timeout);
}
