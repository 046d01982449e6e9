#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer) over the targets in fuzz/ (see fuzz/README.md).
#
#   scripts/fuzz.sh brief [TARGET…]          each target FUZZ_SECONDS (default 20) s; fails on a crash
#   scripts/fuzz.sh long SECONDS [TARGET…]   each target SECONDS s, one after another, one core;
#                                            prints a table: executions, exec/s, cov, ft, crashes
#   scripts/fuzz.sh seeds                    only (re)builds the seed corpora
#   scripts/fuzz.sh build                    only builds the targets
#
# Installs what it needs the first time (nightly toolchain, cargo-fuzz). Seeds are read from
# the project's fixtures and ../shared/corpus where they are, and written, shaped for each
# target, into the working corpora in fuzz/corpus (fuzz/seeds.py); the corpora, the artifacts
# (crashes) and the build are in fuzz/corpus, fuzz/artifacts and fuzz/target, all git-ignored. A crash is saved as fuzz/artifacts/TARGET/crash-…; reproduce it with
#   cargo +nightly fuzz run -s none TARGET fuzz/artifacts/TARGET/crash-…
# Environment: FUZZ_SECONDS (brief), FUZZ_SANITIZER (default none: the core is
# forbid(unsafe_code); `address` finds memory errors in dependencies at half the speed).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-brief}
shift || true
case $mode in
  brief) seconds=${FUZZ_SECONDS:-20} ;;
  long)
    seconds=${1:?usage: scripts/fuzz.sh long SECONDS [TARGET…]}
    shift
    ;;
  seeds | build) seconds=0 ;;
  *) echo "usage: scripts/fuzz.sh brief|long SECONDS|seeds|build [TARGET…]" >&2; exit 2 ;;
esac
sanitizer=${FUZZ_SANITIZER:-none}

# Longest input per target: enough for the seeds that matter, small enough to stay fast.
declare -A max_len=(
  [decode]=65536 [xml_parse]=65536 [c14n]=32768 [verify]=65536 [metadata]=131072
  [keys]=8192 [xmlenc]=32768 [har]=131072 [redact]=65536 [inspect]=65536
  [saml_structured]=16384
)
all_targets=(decode xml_parse c14n verify metadata keys xmlenc har redact inspect saml_structured)
if (($# > 0)); then targets=("$@"); else targets=("${all_targets[@]}"); fi
for t in "${targets[@]}"; do
  [[ -n ${max_len[$t]:-} ]] || { echo "unknown fuzz target: $t" >&2; exit 2; }
done

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }

# --- tools (installed once) -----------------------------------------------------------------
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
if ! cargo +nightly fuzz --version >/dev/null 2>&1 && ! cargo fuzz --version >/dev/null 2>&1; then
  say "cargo install cargo-fuzz --locked"
  cargo install cargo-fuzz --locked
fi

# --- seeds ----------------------------------------------------------------------------------
shared=../shared/corpus
if [[ ! -d $shared ]]; then
  say "notice: $shared is absent; seeding from the project's fixtures only"
fi
say "seed corpora in fuzz/corpus (from tests/fixtures and $shared, read where they are)"
python3 fuzz/seeds.py fuzz/corpus crates/samlscope-core/tests/fixtures "$shared"
[[ $mode == seeds ]] && exit 0

# --- build ----------------------------------------------------------------------------------
say "cargo +nightly fuzz build -s $sanitizer (fuzz/target)"
cargo +nightly fuzz build -s "$sanitizer"
[[ $mode == build ]] && exit 0

# --- run ------------------------------------------------------------------------------------
logs=fuzz/target/logs/$mode   # brief (the test command) and long runs may overlap
mkdir -p "$logs"
summary=fuzz/target/fuzz-summary-$mode.txt
rows=()
failed=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  before=$(find "fuzz/artifacts/$t" -type f | wc -l)
  say "$t: ${seconds} s (max_len ${max_len[$t]})"
  status=0
  cargo +nightly fuzz run -s "$sanitizer" "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -max_len="${max_len[$t]}" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 >"$logs/$t.log" 2>&1 || status=$?
  after=$(find "fuzz/artifacts/$t" -type f | wc -l)
  crashes=$((after - before))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$t.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$logs/$t.log" | tail -1)
  last=$(grep -aE '^#[0-9]+.*cov: ' "$logs/$t.log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  rows+=("$(printf '| %-15s | %12s | %8s | %6s | %7s | %7s |' "$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$crashes")")
  if ((status != 0 || crashes > 0)); then
    failed+=("$t")
    say "$t FAILED (exit $status); the end of $logs/$t.log:"
    grep -aE -A1 "panicked|ERROR|SUMMARY|Test unit written|Base64" "$logs/$t.log" | cut -c1-300 | tail -12 \
      || tail -30 "$logs/$t.log"
  fi
done

{
  printf '| %-15s | %12s | %8s | %6s | %7s | %7s |\n' target executions "exec/s" cov ft crashes
  printf '|%s|%s|%s|%s|%s|%s|\n' "-----------------" "--------------" "----------" "--------" "---------" "---------"
  printf '%s\n' "${rows[@]}"
} | tee "$summary"
say "table saved as $summary; logs in $logs"
if ((${#failed[@]} > 0)); then
  say "crashed: ${failed[*]} (inputs in fuzz/artifacts/<target>/)"
  exit 1
fi
