#!/usr/bin/env bash
# The installers as users get them: builds the .deb and .rpm with the Tauri CLI from npm
# (release profile: stripped, LTO, one codegen unit), installs the .deb with dpkg, starts the
# installed /usr/bin/clerkdesk under Xvfb through WebDriver (welcome screen, "Try with demo
# data", a project opens), removes the package and checks that nothing of it is left but
# the user's data. Prints each installer's size; fails if the .deb is over 6 MiB.
# Part of scripts/test.sh; needs root or sudo (dpkg), Xvfb and a D-Bus session (the caller's).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

echo "== installers: the Tauri CLI (npm, pinned in scripts/bundle) builds the .deb and .rpm"
(cd scripts/bundle && npm ci --silent --no-audit --no-fund)
started=$(date +%s)
# From src-tauri: the CLI would otherwise also find the benchmark's empty-window app.
(cd src-tauri && ../scripts/bundle/node_modules/.bin/tauri build --ci --bundles deb,rpm)
echo "   built in $(( $(date +%s) - started )) s"
deb=$(ls -t target/release/bundle/deb/*.deb | head -1)
rpm=$(ls -t target/release/bundle/rpm/*.rpm | head -1)
for f in "$deb" "$rpm"; do
  bytes=$(stat -c %s "$f")
  printf '   %s: %s bytes (%s MiB)\n' "$(basename "$f")" "$bytes" \
    "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')"
done
if [ "$(stat -c %s "$deb")" -gt $((6 * 1024 * 1024)) ]; then
  echo "the .deb is over 6 MiB" >&2
  exit 1
fi

echo "== install the .deb (dpkg -i), start the installed app, remove it"
if dpkg-query -W -f='${Status}' clerkdesk 2>/dev/null | grep -q "installed"; then
  $SUDO dpkg -r clerkdesk >/dev/null
fi
$SUDO dpkg -i "$deb"
files=$(dpkg-query -L clerkdesk | while read -r f; do if [ -f "$f" ]; then echo "$f"; fi; done)
[ -n "$files" ] || { echo "dpkg lists no files of clerkdesk" >&2; exit 1; }
test -x /usr/bin/clerkdesk
echo "$files" | grep -q '\.desktop$' || { echo "no .desktop file installed" >&2; exit 1; }
homes=$(mktemp -d)
trap 'rm -rf "$homes"; dpkg-query -W clerkdesk >/dev/null 2>&1 && $SUDO dpkg -r clerkdesk >/dev/null || true' EXIT
CLERKDESK_APP=/usr/bin/clerkdesk CLERKDESK_INSTALL_HOME="$homes" \
  cargo test -q -p clerkdesk-e2e --test installed -- --ignored --test-threads=1
$SUDO dpkg -r clerkdesk
status=$(dpkg-query -W -f='${Status}' clerkdesk 2>/dev/null || true)
case "$status" in
  *" installed") echo "clerkdesk is still installed: $status" >&2; exit 1 ;;
esac
left=$(echo "$files" | while read -r f; do if [ -e "$f" ]; then echo "$f"; fi; done)
if [ -n "$left" ]; then
  echo "left behind after removing the package:" >&2
  echo "$left" >&2
  exit 1
fi
ls "$homes"/home-*/.local/share/com.clerkdesk.desktop/settings.json >/dev/null ||
  { echo "the user's data went with the package" >&2; exit 1; }
echo "   installed, started, removed: $(echo "$files" | wc -l) files gone, the user's settings kept"
