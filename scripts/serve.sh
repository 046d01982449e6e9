#!/usr/bin/env bash
# Builds the page (release) and serves it at http://127.0.0.1:8080/ (PORT=… to change),
# installing what the build needs first. Everything the page does happens in the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh serve
trunk build --release --locked
port=${PORT:-8080}
echo "samlscope is at http://127.0.0.1:$port/  (Ctrl-C stops)"
exec node tests/e2e/serve.mjs dist "$port"
