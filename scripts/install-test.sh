#!/usr/bin/env bash
# The installers as users get them: builds the .deb and .rpm with the Tauri CLI from npm,
# installs the .deb with dpkg, starts the installed clerkdesk under Xvfb through WebDriver
# (welcome screen, "Try with demo data", a project opens), removes the package and checks
# that nothing of it is left but the user's data.
#
# What this tests is the packaging, installing and removing, so it packages a debug build
# (seconds, on top of the test command's own build); the release installers' sizes are
# measured by scripts/installer-sizes.sh (docs/benchmarks.md).
#
# It leaves the machine as it was: outside CI (CI unset or empty) the package goes into a
# throwaway root (`dpkg --root`, its own dpkg database) — a Clerkdesk installed on this
# machine is never removed, replaced or touched, and the script checks that. Under CI (a
# fresh machine) the real `dpkg -i` / `dpkg -r` path runs, as root or through sudo.
# Part of scripts/test.sh; needs Xvfb and a D-Bus session (the caller's).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "   the Tauri CLI (npm, pinned in scripts/bundle) packages a debug build as .deb and .rpm"
(cd scripts/bundle && npm ci --silent --no-audit --no-fund)
started=$(date +%s)
# From src-tauri: the CLI would otherwise also find the benchmark's empty-window app.
(cd src-tauri && ../scripts/bundle/node_modules/.bin/tauri build --debug --ci --bundles deb,rpm)
echo "   packaged in $(( $(date +%s) - started )) s"
deb=$(ls -t target/debug/bundle/deb/*.deb | head -1)
rpm=$(ls -t target/debug/bundle/rpm/*.rpm | head -1)
for f in "$deb" "$rpm"; do
  [ -s "$f" ] || { echo "no package at $f" >&2; exit 1; }
  echo "   $(basename "$f"): $(stat -c %s "$f") bytes (debug build; release sizes: scripts/installer-sizes.sh)"
done

# This machine's Clerkdesk: its package state and version, and its binary's checksum.
system_state() {
  dpkg-query -W -f='${Status} ${Version}' clerkdesk 2>/dev/null || echo "not installed"
  if [ -e /usr/bin/clerkdesk ]; then md5sum /usr/bin/clerkdesk | cut -d' ' -f1; fi
}
before=$(system_state)
homes=$(mktemp -d)
if [ -n "${CI:-}" ]; then
  echo "   CI: installing into the system (dpkg -i), starting /usr/bin/clerkdesk, removing it (dpkg -r)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  if dpkg-query -W -f='${Status}' clerkdesk 2>/dev/null | grep -q "installed"; then
    $SUDO dpkg -r clerkdesk >/dev/null
  fi
  root=""
  dpkg_=($SUDO dpkg)
  trap 'rm -rf "$homes"; dpkg-query -W clerkdesk >/dev/null 2>&1 && $SUDO dpkg -r clerkdesk >/dev/null || true' EXIT
else
  root=$(mktemp -d)
  echo "   not CI: installing into a throwaway root ($root, dpkg --root); this machine's packages are not touched (clerkdesk here: $(echo $before))"
  mkdir -p "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info"
  touch "$root/var/lib/dpkg/status"
  # The root has no other packages: its dependencies are the machine's own libraries.
  dpkg_=(dpkg "--root=$root" --force-depends --force-not-root)
  trap 'rm -rf "$homes" "$root"' EXIT
fi
"${dpkg_[@]}" -i "$deb" >/dev/null
files=$("${dpkg_[@]}" -L clerkdesk | while read -r f; do if [ -f "$root$f" ]; then echo "$root$f"; fi; done)
[ -n "$files" ] || { echo "dpkg lists no files of clerkdesk" >&2; exit 1; }
test -x "$root/usr/bin/clerkdesk"
echo "$files" | grep -q '\.desktop$' || { echo "no .desktop file installed" >&2; exit 1; }
CLERKDESK_APP="$root/usr/bin/clerkdesk" CLERKDESK_INSTALL_HOME="$homes" \
  cargo test -q -p clerkdesk-e2e --test installed -- --ignored --test-threads=1
"${dpkg_[@]}" -r clerkdesk >/dev/null
status=$("${dpkg_[@]}" -s clerkdesk 2>/dev/null | grep '^Status:' || true)
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
if [ -z "${CI:-}" ]; then
  after=$(system_state)
  if [ "$after" != "$before" ]; then
    echo "this machine's clerkdesk changed: before \"$before\", after \"$after\"" >&2
    exit 1
  fi
  echo "   this machine's clerkdesk is as it was: $(echo $after)"
fi
