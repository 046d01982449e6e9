#!/usr/bin/env bash
# Installs the differential harness's peers, skipping whatever is already installed:
# python3-saml, pysaml2 (+ xmlsec, freezegun) into target/differential/venv from requirements.txt,
# and @node-saml/node-saml (+ @sinonjs/fake-timers) into scripts/differential/node_modules from
# package-lock.json. pysaml2 also needs Debian's xmlsec1 binary (scripts/setup.sh test installs it).
# Exits non-zero when something cannot be installed; run.py then skips with a notice.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=$root/target/differential/venv
stamp=$venv/.requirements.sha256
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

command -v xmlsec1 >/dev/null || { echo "xmlsec1 is missing (apt-get install xmlsec1)"; exit 1; }

want=$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)
if [[ ! -x $venv/bin/python || $(cat "$stamp" 2>/dev/null) != "$want" ]]; then
  say "python venv for the differential harness (python3-saml 1.16.0, pysaml2 7.5.5; seconds, once)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$here/requirements.txt"
  "$venv/bin/python" -c "import onelogin.saml2.auth, saml2.client, xmlsec, freezegun"
  echo "$want" >"$stamp"
fi

if ! (cd "$here" && npm ls --depth=0 >/dev/null 2>&1); then
  say "npm ci (@node-saml/node-saml 5.1.0 for the differential harness)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
