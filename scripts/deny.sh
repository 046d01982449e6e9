#!/usr/bin/env bash
# Supply-chain checks with cargo-deny (configuration and reasons: deny.toml), offline:
#   * licences, bans and sources, always;
#   * advisories, when a local copy of the RustSec advisory database exists — cargo-deny's
#     default place, $CARGO_HOME/advisory-dbs, or the directory SAMLSCOPE_ADVISORY_DBS names
#     (laid out the same way: what `cargo deny fetch` writes, advisory-db-<hash>/, a git
#     checkout). These machines cannot reach GitHub, so nothing is fetched; without a copy the
#     check is skipped with a notice. A copy older than 90 days fails (cargo-deny's
#     maximum-db-staleness): refresh it with `cargo deny fetch` where GitHub is reachable.
# Run by scripts/test.sh; needs cargo-deny (scripts/setup.sh test installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo deny --offline --workspace check --hide-inclusion-graph licenses bans sources

dbs=${SAMLSCOPE_ADVISORY_DBS:-${CARGO_HOME:-$HOME/.cargo}/advisory-dbs}
if compgen -G "$dbs/advisory-db-*/.git" >/dev/null; then
  config=deny.toml
  if [[ -n ${SAMLSCOPE_ADVISORY_DBS:-} ]]; then
    config=$(mktemp --suffix=.toml)
    trap 'rm -f "$config"' EXIT
    sed "s|^\[advisories\]\$|&\ndb-path = \"$dbs\"|" deny.toml >"$config"
  fi
  echo "advisories: the RustSec database in $dbs ($(git -C "$(compgen -G "$dbs/advisory-db-*" | head -1)" log -1 --format=%cs))"
  cargo deny --offline --workspace --config "$config" check advisories
else
  echo "notice: advisories NOT checked — no local copy of the RustSec advisory database in $dbs"
  echo "        (this machine cannot fetch it). Where GitHub is reachable: \`cargo deny fetch\`, then"
  echo "        copy $dbs here, or point SAMLSCOPE_ADVISORY_DBS at such a directory."
fi
