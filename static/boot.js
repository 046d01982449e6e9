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

if (!js || !wasm) {
  fail('samlscope could not start: the build did not record its file names.');
} else {
  try {
    const { default: init } = await import(new URL(js, document.baseURI).href);
    await init({ module_or_path: new URL(wasm, document.baseURI).href });
    document.documentElement.dataset.ready = 'true';
  } catch (error) {
    fail('samlscope could not start in this browser (it needs WebAssembly).');
    throw error;
  }
}
