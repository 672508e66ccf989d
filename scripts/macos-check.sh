#!/usr/bin/env bash
# macOS compiled here: clippy (-D warnings) of the app, the core and the CLI for
# aarch64-apple-darwin. The C parts of dependencies are compiled by Zig's clang (the
# `ziglang` package from PyPI, in a virtual environment under ./.tools — nothing is
# installed system-wide), see scripts/macos/zig-cc for the one limit. Nothing is linked:
# building a Mac app needs Apple's SDK, which only the release workflow's macOS runner has.
# Part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
target=aarch64-apple-darwin
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  rustup target add "$target" >/dev/null 2>&1 || {
    echo "WARNING: the $target target could not be installed; the macOS check was NOT run" >&2
    exit 0
  }
fi
venv=.tools/zig
if [ ! -x "$venv/bin/python3" ] || ! "$venv/bin/python3" -m ziglang version >/dev/null 2>&1; then
  echo "   installing ziglang (PyPI) into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet ziglang
fi
echo "   zig $("$venv/bin/python3" -m ziglang version); clippy for $target"
export ZIG_PYTHON="$PWD/$venv/bin/python3"
export CC_aarch64_apple_darwin="$PWD/scripts/macos/zig-cc" AR_aarch64_apple_darwin="$PWD/scripts/macos/zig-ar"
cargo clippy --target "$target" -p clerkdesk -p clerkdesk-core -p clerk-cli --all-targets --quiet -- -D warnings
echo "   macOS: the app, core and CLI are clippy-clean for $target"
