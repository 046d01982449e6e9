#!/usr/bin/env bash
# Installs what samlscope's build and tests need, skipping whatever is already installed.
# The recipe, versions and pitfalls are measured in ../shared/TOOLCHAIN.md.
#   scripts/setup.sh serve   # what building the page needs: wasm32 target, trunk, wasm-bindgen, wasm-opt
#   scripts/setup.sh test    # plus Chromium + chromedriver (browser tests), brotli, xmlsec1,
#                            # cargo-deny (supply-chain checks)
# Source it (`. scripts/setup.sh test`) to also get node_modules/.bin on PATH.
set -euo pipefail
mode=${1:-test}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sudo=""
[[ $(id -u) == 0 ]] || sudo=sudo

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [[ $mode == test ]]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v brotli >/dev/null || missing+=(brotli)
  command -v xmlsec1 >/dev/null || missing+=(xmlsec1)
  if ((${#missing[@]})); then
    say "apt-get install ${missing[*]}"
    $sudo apt-get update -qq
    # Never Debian's binaryen: its wasm-opt (108) cannot read what rustc 1.95 emits.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! trunk --version 2>/dev/null | grep -q '0\.21\.14'; then
  say "cargo install trunk 0.21.14 (about 10 minutes, once)"
  cargo install trunk --version 0.21.14 --locked
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q '0\.2\.130'; then
  say "cargo install wasm-bindgen-cli 0.2.130 (about 2.5 minutes, once)"
  # --locked fails: its lock pins webpki-roots 1.0.11, missing from the registry (TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version =0.2.130 --locked 2>/dev/null \
    || cargo install wasm-bindgen-cli --version =0.2.130
fi
if [[ $mode == test ]] && ! cargo deny --version 2>/dev/null | grep -q '0\.20\.2'; then
  say "cargo install cargo-deny 0.20.2 (about 6 minutes, once)"
  cargo install cargo-deny --version =0.20.2 --locked
fi
if ! (cd "$root" && npm ls --depth=0 >/dev/null 2>&1); then
  say "npm ci (binaryen 132 for wasm-opt, playwright-core, axe-core)"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi
# npm's wasm-opt (binaryen 132) must come before any other on PATH.
export PATH="$root/node_modules/.bin:$PATH"
