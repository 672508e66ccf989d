#!/usr/bin/env bash
# Builds Clerkdesk and opens it in demo mode: the simulator runs inside the app, no
# account needed. Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cargo build -p clerkdesk
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: starting the app under Xvfb (it runs, but you will not see it)." >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" ./target/debug/clerkdesk --demo
fi
exec ./target/debug/clerkdesk --demo
