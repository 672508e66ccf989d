#!/usr/bin/env bash
# The desktop app's benchmarks (cold start, idle memory, a 2,000-field form), on the real
# window under Xvfb, with a release build of the app, each beside an empty one-page Tauri
# window built here (tests/empty-window). Prints the figures quoted in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cargo build --release -p clerkdesk --features bench-hooks --quiet
cargo build --release -p clerkdesk-empty-window --quiet
cargo build -p clerkdesk-e2e --bins --quiet
export CLERKDESK_APP="$PWD/target/release/clerkdesk"
dbus-run-session -- bash -c '
  echo "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  xvfb-run -a -s "-screen 0 1280x800x24" ./target/debug/clerkdesk-app-bench
'
