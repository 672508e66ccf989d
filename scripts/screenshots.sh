#!/usr/bin/env bash
# Takes the screenshots of the README and docs/user-guide.md from the real window (under Xvfb, through the end-to-end
# tests) into docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# The app binary itself (a `--tests` build alone would leave an old one in place).
cargo build -p clerkdesk --quiet
cargo build -p clerkdesk-e2e --tests --quiet
mkdir -p docs/screenshots
export CLERKDESK_SCREENSHOTS="$PWD/docs/screenshots"
dbus-run-session -- bash -c '
  echo "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p clerkdesk-e2e -- --test-threads=1
'
ls -1 docs/screenshots
