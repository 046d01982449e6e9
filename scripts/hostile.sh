#!/usr/bin/env bash
# The hostile shapes of issue 11, measured (a benchmark, not a test: nothing here fails on
# time). Prints three tables:
#   1. core, each shape at full size in its own process: time, peak memory, the finding;
#   2. core, each shape at n/10 and n: CPU time of inspect and of rendering, and their ratio
#      (about 10 when the work is linear in n; issue 11 asks for at most 12);
#   3. the CLI (target/release/samlscope inspect FILE) on files of each shape at n/10 and n:
#      wall and CPU time (the fastest of 3 runs), peak memory (/usr/bin/time), exit status,
#      the finding.
# The finding each must give is asserted by `cargo test --test hostile` (scripts/test.sh).
# Usage: scripts/hostile.sh [core|scale|cli]   (all three without an argument)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
cargo build --quiet --release --locked -p samlscope-cli
cargo build --quiet --release --locked -p samlscope-core --example hostile
bin=target/release/examples/hostile
if [[ $what == all || $what == core ]]; then
  echo "== core: each shape at full size, one process each"
  "$bin"
fi
if [[ $what == all || $what == scale ]]; then
  echo
  echo "== core: n/10 and n"
  "$bin" scale
fi
if [[ $what == all || $what == cli ]]; then
  echo
  echo "== CLI: target/release/samlscope inspect FILE, at n/10 and n (wall time includes starting the process and reading the file)"
  dir=target/hostile
  "$bin" write "$dir"
  printf '| %-22s | %8s | %11s | %8s | %11s | %9s | %6s | %8s | %4s | %s |\n' shape n bytes 'wall ms' 'cpu(n/10)' 'cpu(n)' ratio 'peak MB' exit finding
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ------------------------ ---------- ------------- ---------- ------------- ----------- -------- ---------- ------ ---
  worst=0
  while read -r name n rule; do
    # "wall_ms cpu_ms maxrss_kb exit" per run, the fastest of 3 batches of REPS runs (CPU: user
    # + system, which a busy machine disturbs less than wall time; /usr/bin/time counts in
    # hundredths of a second, so the small size runs 10 times per batch).
    timed() { # FILE REPS
      local best_wall=999999 best_cpu=999999 kb=0 status e u s m
      for _ in 1 2 3; do
        status=0
        /usr/bin/time -o "$dir/$name.time" -f '%e %U %S %M' bash -c '
          for ((i = 0; i < $2; i++)); do
            "$0" inspect "$1" --now 2026-11-23T00:00:00Z >"$3" 2>/dev/null || s=$?
          done
          exit ${s:-0}' target/release/samlscope "$1" "$2" "$dir/$name.out" || status=$?
        # /usr/bin/time writes "Command exited with non-zero status N" first when it is not 0.
        read -r e u s m < <(tail -1 "$dir/$name.time")
        best_wall=$(awk -v a="$best_wall" -v b="$e" -v n="$2" 'BEGIN { b *= 1000 / n; print (b < a ? b : a) }')
        best_cpu=$(awk -v a="$best_cpu" -v u="$u" -v s="$s" -v n="$2" 'BEGIN { b = (u + s) * 1000 / n; print (b < a ? b : a) }')
        kb=$m
      done
      echo "$best_wall $best_cpu $kb $status"
    }
    read -r _ c_small _ _ < <(timed "$dir/$name.small" 10)
    read -r t_full c_full kb code < <(timed "$dir/$name" 1)
    finding=$(grep -m1 -E "^(error|warning|info)\[[A-Z0-9]+\] $rule:" "$dir/$name.out" || grep -m1 -E "^(error|warning|info)\[" "$dir/$name.out" || echo "NO FINDING")
    finding=${finding#*] }
    ratio=$(awk -v a="$c_small" -v b="$c_full" 'BEGIN { a = a < 5 ? 5 : a; b = b < 5 ? 5 : b; printf "%.1f", b / a }')
    worst=$(awk -v w="$worst" -v r="$ratio" 'BEGIN { print (r > w ? r : w) }')
    printf '| %-22s | %8s | %11s | %8.0f | %11.1f | %9.0f | %6s | %8.1f | %4s | %s |\n' "$name" "$n" "$(stat -c %s "$dir/$name")" \
      "$t_full" "$c_small" "$c_full" "$ratio" \
      "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$code" "${finding:0:110}"
  done <"$dir/manifest"
  echo "(wall ms: at n; cpu: user + system ms per run at n/10 and n, the fastest of 3 batches (of 10 runs at n/10); in the ratio, under 5 ms counts as 5 ms: starting the process is about 2 ms)"
  echo "worst CLI ratio: $worst"
fi
