#!/usr/bin/env bash
# Prints what a first load of the built page costs: every file of dist/ (or $1), raw and
# brotli-compressed (quality 11, as static hosts serve it), and the total. The budget is
# 350 KB brotli (issue 5). rules.html and rules.css are not part of it: the page never loads
# them; they are fetched when someone opens the rule reference in its own tab. Nor is _headers:
# static hosts read it (docs/hosting.md), browsers never fetch it.
set -euo pipefail
dist=${1:-dist}
total_raw=0
total_br=0
on_demand=" rules.html rules.css _headers "
# Every file, also in subdirectories (wasm-bindgen's snippets/).
while IFS= read -r f; do
  raw=$(stat -c %s "$f")
  br=$(brotli -c -q 11 "$f" | wc -c)
  if [[ $on_demand == *" ${f#"$dist"/} "* ]]; then
    printf '  %-48s %9d B raw %8d B brotli (not loaded by the page)\n' "${f#"$dist"/}" "$raw" "$br"
    continue
  fi
  total_raw=$((total_raw + raw))
  total_br=$((total_br + br))
  printf '  %-48s %9d B raw %8d B brotli\n' "${f#"$dist"/}" "$raw" "$br"
done < <(find "$dist" -type f | sort)
printf 'first load: %d B raw, %d B brotli (%d KB; budget 350 KB)\n' "$total_raw" "$total_br" $((total_br / 1024))
