#!/usr/bin/env bash
# The release installers' sizes (the figures in docs/benchmarks.md; checked at release, see
# docs/releasing.md): builds the .deb and .rpm with the Tauri CLI from npm in the release
# profile (stripped, LTO, one codegen unit, optimised for size) and prints their sizes;
# fails if the .deb is over 6 MiB. Takes ~8 minutes on 2 cores (the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
(cd scripts/bundle && npm ci --silent --no-audit --no-fund)
started=$(date +%s)
(cd src-tauri && ../scripts/bundle/node_modules/.bin/tauri build --ci --bundles deb,rpm)
echo "built in $(( $(date +%s) - started )) s"
deb=$(ls -t target/release/bundle/deb/*.deb | head -1)
rpm=$(ls -t target/release/bundle/rpm/*.rpm | head -1)
for f in "$deb" "$rpm"; do
  bytes=$(stat -c %s "$f")
  printf '%s: %s bytes (%s MiB)\n' "$(basename "$f")" "$bytes" \
    "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')"
done
if [ "$(stat -c %s "$deb")" -gt $((6 * 1024 * 1024)) ]; then
  echo "the .deb is over 6 MiB" >&2
  exit 1
fi
