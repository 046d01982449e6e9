// Loads the samlscope wasm app. An external module (not Trunk's inline loader), so that the
// Content-Security-Policy needs neither 'unsafe-inline' nor a hash that changes every build.
// Trunk writes the hashed file names into <meta name="samlscope-js|samlscope-wasm">.
const js = document.querySelector('meta[name="samlscope-js"]')?.content;
const wasm = document.querySelector('meta[name="samlscope-wasm"]')?.content;

function fail(message) {
  const note = document.createElement('p');
  note.className = 'boot-error';
  note.textContent = message;
  document.body.append(note);
}

// Offline: static/sw.js keeps this page's files, so that it works offline after this load.
// Done once the app runs and before the page says it is ready, so that every request it causes
// happens during load, to this origin only. Any failure just leaves the page online-only.
// The cache names are static/sw.js's (keep them in step).
const PAGES = 'samlscope-pages-v1';
const FILES = 'samlscope-files-v1';

// The same-origin files this page loaded (its own URL excluded).
function loadedFiles() {
  const files = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => new URL(url).origin === location.origin);
  return [...new Set(files)];
}

async function keepOffline() {
  const workers = navigator.serviceWorker;
  if (!workers || !window.isSecureContext || !window.caches) return;
  try {
    if (!workers.controller) {
      // Not served by the worker (first load): this page's files came from the network, so
      // they are put in its caches now, as the worker would have done (from the HTTP cache
      // when the server allows it). The page is not controlled yet, so these requests go
      // straight to this origin.
      const keep = async (name, urls) => {
        const cache = await caches.open(name);
        await Promise.all(
          urls.map((url) => cache.add(new Request(url, { cache: 'force-cache' })).catch(() => undefined)),
        );
      };
      await Promise.all([keep(PAGES, [location.href.split('#')[0]]), keep(FILES, loadedFiles())]);
    }
    await workers.register(new URL('sw.js', document.baseURI), { scope: './' });
    // Files of older versions are dropped from the worker's cache (no request: a message).
    const files = loadedFiles();
    workers.ready.then((registration) => registration.active?.postMessage({ type: 'keep', urls: files }));
  } catch {
    // Service workers or Cache Storage unavailable (blocked, private mode): online only.
  }
}

if (!js || !wasm) {
  fail('samlscope could not start: the build did not record its file names.');
} else {
  try {
    const { default: init } = await import(new URL(js, document.baseURI).href);
    await init({ module_or_path: new URL(wasm, document.baseURI).href });
    await keepOffline();
    document.documentElement.dataset.ready = 'true';
  } catch (error) {
    fail('samlscope could not start in this browser (it needs WebAssembly).');
    throw error;
  }
}
