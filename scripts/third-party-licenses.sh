#!/usr/bin/env bash
# Regenerates the list of third-party crates the app and the CLI ship, with their licences
# (cargo-license over the app's and the CLI's normal dependencies, every platform), which
# "About Clerkdesk" shows. Run before a release (docs/releasing.md); the release workflow
# runs it too.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-license >/dev/null || cargo install cargo-license --locked --version 0.7.0
out=crates/clerkdesk-core/licenses/third-party.tsv
{
  for m in src-tauri/Cargo.toml crates/clerk-cli/Cargo.toml; do
    cargo license --manifest-path "$m" --avoid-build-deps --avoid-dev-deps --tsv | tail -n +2 | cut -f1,2,5
  done
} | grep -v -E '^(clerkdesk|clerkdesk-core|clerk-cli|powerclerk-api|powerclerk-sim)\b' | sort -u > "$out"
echo "$(wc -l < "$out") crates listed in $out"
