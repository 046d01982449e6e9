#!/usr/bin/env bash
# Runs every test: formatting, supply-chain checks (cargo deny), lints, native tests (unit, rules with snapshots, CLI,
# hostile inputs, corpus conformance over ../shared/corpus), the differential harness (the SP
# predictions against python3-saml, pysaml2 and node-saml), the wasm tests in headless
# Chromium, the release build of the page, and the end-to-end tests against the built dist/.
# Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh test
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo deny: licences, bans, sources; advisories from a local copy of the database (deny.toml)"
scripts/deny.sh
step "clippy (native, all targets) and clippy (wasm32, the web app)"
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown -p samlscope-web -p samlscope-core -- -D warnings
step "native tests (core, CLI, corpus conformance)"
cargo test --locked --workspace
step "conformance: ../shared/corpus, xmlsec1 cross-checks (agreement lines)"
cargo test --locked -p samlscope-core --test corpus --test corpus_expectations --test dsig --test c14n --test xmlenc -- --nocapture 2>&1 \
  | grep -E "agree|flagged|notice|corpus expectations:|test result|FAILED|panicked"
cargo test --locked -p samlscope-cli --test incidents -- --nocapture 2>&1 | grep -E "seed-app|test result|FAILED|panicked"
step "differential: samlscope's SP predictions against python3-saml, pysaml2 and node-saml (scripts/differential)"
cargo build --locked --quiet -p samlscope-cli
python3 scripts/differential/run.py
step "fuzzing, briefly: every target of fuzz/ for FUZZ_SECONDS (20) s (scripts/fuzz.sh)"
scripts/fuzz.sh brief
step "wasm tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown -p samlscope-web
step "trunk build --release"
trunk build --release --locked
scripts/bundle-size.sh dist
step "end-to-end in headless Chromium against dist/"
node tests/e2e/run.mjs
