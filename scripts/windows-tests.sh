#!/usr/bin/env bash
# The Windows lane: the client, simulator, core and CLI test suites built for
# x86_64-pc-windows-gnu (Debian's mingw) and run under Wine (Debian's wine64), keychain tests
# on Wine's Windows Credential Manager included. Wine runs in a throwaway prefix, so the
# machine is left as it was. Prints the number of test results passed and the tests that
# cannot run under Wine, with the reason. Part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
crates=(-p powerclerk-api -p powerclerk-sim -p clerkdesk-core -p clerk-cli)

# Tests that cannot run under Wine, and why (skipped by name; everything else runs).
skips=(
  "article_client_works_unchanged_against_the_simulator|runs the article's Python class with python3, a Linux program a Windows test process cannot start (the Linux lane runs it)"
)

out="target/$target/debug"
mkdir -p "$out/deps"
# Wine 8 (Debian's) lacks bcryptprimitives.dll, which Rust's standard library needs
# (ProcessPrng): a stand-in built here, beside the test programs and clerk.exe.
x86_64-w64-mingw32-gcc -shared -O2 -o "$out/deps/bcryptprimitives.dll" \
  scripts/windows/bcryptprimitives.c -ladvapi32
cp "$out/deps/bcryptprimitives.dll" "$out/bcryptprimitives.dll"

echo "   building the test programs and the app for Windows"
cargo test --target "$target" "${crates[@]}" --no-run --quiet
# The Windows installer cannot be built here: the Tauri CLI's NSIS bundling needs the plugin
# nsis_tauri_utils.dll, which it downloads from github.com/tauri-apps/nsis-tauri-utils while
# bundling, and which no package registry this machine reaches ships (nor its source). What
# can be built is: the app itself, for the GNU target, linked with mingw.
cargo build --target "$target" -p clerkdesk --quiet
echo "   clerkdesk.exe (debug, x86_64-pc-windows-gnu): $(stat -c %s "$out/clerkdesk.exe") bytes; the NSIS installer: not built here (the Tauri CLI downloads nsis_tauri_utils.dll from GitHub)"

prefix=$(mktemp -d)
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$prefix"' EXIT
export WINEPREFIX="$prefix/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
wineboot --init >/dev/null 2>&1 || true
# The CLI's own tests must not find this machine's Linux environment for credentials.
unset POWERCLERK_API_KEY POWERCLERK_CLIENT_ID POWERCLERK_SECRET

skip_args=()
for s in "${skips[@]}"; do skip_args+=(--skip "${s%%|*}"); done
log=$(mktemp)
echo "   running them under Wine ($(wine --version 2>/dev/null))"
set +e
cargo test --target "$target" "${crates[@]}" -- "${skip_args[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The keychain tests, on Wine's Credential Manager.
cargo test --target "$target" -p clerk-cli --test keychain -- --ignored 2>&1 | tee -a "$log"
keychain=${PIPESTATUS[0]}
set -e
passed=$(grep -Eo '^test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{ s += $4 } END { print s + 0 }')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{ s += $1 } END { print s + 0 }')
rm -f "$log"
echo "   Windows lane: $passed test results passed under Wine, $failed failed"
echo "   not run under Wine:"
for s in "${skips[@]}"; do echo "     - ${s%%|*}: ${s#*|}"; done
echo "     - no_test_hooks (ignored by design everywhere): the shipped app's demo without test hooks, checked by the Linux lane"
[ "$status" -eq 0 ] && [ "$keychain" -eq 0 ]
