// samlscope's service worker: keeps the page's own files so that the page works offline after
// its first load, from whatever path it is served under (it is registered with scope './').
//
// It never makes a request of its own: it answers the page's same-origin GET requests and keeps
// what they return.
//   * The page itself (navigations, and requests that accept text/html): network first, so that
//     a new version is picked up at once; the kept copy when the network fails.
//   * Trunk's files, whose names carry a content hash (HASHED): the kept copy first, else the
//     network, kept on first fetch — such a file never changes under its name.
//   * Everything else (rules.css, wasm-bindgen's snippets/, whose directory name is not a
//     content hash): network first like the page, the kept copy when the network fails — else
//     a new version would be served the old file forever.
// Cross-origin requests and anything but GET are left alone (the page makes none anyway).
// Nothing about messages is ever stored: the page never requests them, and the fragment of a
// share link is not part of any request.

// On its first load the page fills these caches itself (static/boot.js: keep the names in step).
const PAGES = 'samlscope-pages-v1';
const FILES = 'samlscope-files-v1';
// Trunk's content-hashed names: `<stem>-<hash>.js|css`, `<stem>-<hash>_bg.wasm` (the same
// pattern as the hosting headers' immutable caching, tests/e2e/serve.mjs).
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('samlscope-') && name !== PAGES && name !== FILES) {
          await caches.delete(name);
        }
      }
      // Serve the page that registered us from now on (it makes no request after load).
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  if (url.pathname.endsWith('/sw.js')) return;
  const isPage = request.mode === 'navigate' || (request.headers.get('accept') ?? '').includes('text/html');
  if (isPage) event.respondWith(networkFirst(event, request));
  else if (HASHED.test(url.pathname)) event.respondWith(cacheFirst(event, request));
  else event.respondWith(revalidate(event, request));
});

// The page keeps in the cache only the files it loaded this time (older versions' files go).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls) || data.urls.length === 0) return;
  event.waitUntil(prune(new Set(data.urls.map(String))));
});

function keepable(response) {
  return response.ok && response.type === 'basic';
}

async function networkFirst(event, request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (keepable(response)) event.waitUntil(cache.put(request, response.clone()));
    return response;
  } catch (error) {
    const scope = self.registration.scope;
    const kept =
      (await cache.match(request, { ignoreSearch: true })) ??
      (await cache.match(scope)) ??
      (await cache.match(new URL('index.html', scope).href));
    if (kept) return kept;
    throw error;
  }
}

async function revalidate(event, request) {
  const cache = await caches.open(FILES);
  try {
    const response = await fetch(request);
    if (keepable(response)) event.waitUntil(cache.put(request, response.clone()));
    return response;
  } catch (error) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(event, request) {
  const cache = await caches.open(FILES);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (keepable(response)) event.waitUntil(cache.put(request, response.clone()));
  return response;
}

// Only files under this worker's scope: another copy of the page on this origin, under another
// path, keeps its own.
async function prune(keep) {
  const cache = await caches.open(FILES);
  const scope = self.registration.scope;
  for (const request of await cache.keys()) {
    if (request.url.startsWith(scope) && !keep.has(request.url)) await cache.delete(request);
  }
}
