#!/usr/bin/env bash
# Benchmarks samlscope's decode + parse against lxml (libxml2) on the very same files, in one
# run, and prints the ratio. Usage: scripts/bench.sh   (needs python3; installs lxml from PyPI
# into target/bench-venv on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
data=target/bench-data
cargo run --quiet --release --locked -p samlscope-core --example bench_data -- "$data" >/dev/null
if [[ ! -x target/bench-venv/bin/python ]]; then
  python3 -m venv target/bench-venv
  target/bench-venv/bin/pip install --quiet lxml
fi
echo "== criterion (samlscope-core)"
cargo bench --locked -p samlscope-core --bench decode_parse -- --noplot 2>&1 | grep -E "^(entra|metadata)|time:|thrpt:" || true
echo "== lxml on the same files"
target/bench-venv/bin/python - "$data" <<'PY'
import json, pathlib, sys, time
from lxml import etree
data = pathlib.Path(sys.argv[1])
crit = pathlib.Path("target/criterion")
def criterion_ns(group, prefix):
    for d in sorted((crit / group).glob(prefix + "*")):
        est = d / "new" / "estimates.json"
        if est.exists():
            return json.loads(est.read_text())["median"]["point_estimate"]
    return None
rows = []
for name, group, prefix, rounds in [("entra-response-10kb.xml", "entra_response", "decode_parse", 2000),
                                    ("metadata-50mb.xml", "metadata_aggregate", "decode_parse", 5)]:
    raw = (data / name).read_bytes()
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(rounds):
            etree.fromstring(raw, parser)
        best = min(best, (time.perf_counter() - t) / rounds)
    mb = len(raw) / 1e6
    ours = criterion_ns(group, prefix)
    ours_s = ours / 1e9 if ours else None
    rows.append((name, len(raw), mb / ours_s if ours_s else float("nan"), mb / best, (ours_s or 0) * 1e3, best * 1e3))
print(f"{'file':<26}{'bytes':>11}{'samlscope MB/s':>16}{'lxml MB/s':>11}{'samlscope ms':>14}{'lxml ms':>10}")
for r in rows:
    print(f"{r[0]:<26}{r[1]:>11}{r[2]:>16.0f}{r[3]:>11.0f}{r[4]:>14.3f}{r[5]:>10.3f}")
print("(samlscope: base64 decode + strict parse of the .b64 for the response, decode + parse for metadata; lxml: etree.fromstring of the XML)")
PY
