#!/usr/bin/env bash
# Installs what building and testing Clerkdesk needs on Debian/Ubuntu: system packages
# (through sudo when not root; mingw and Wine for the Windows lane), Rust (if missing),
# tauri-driver (into ./.tools), and Python's requests (for the article-client test). Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config libdbus-1-dev libsqlite3-dev
  xvfb xauth webkit2gtk-driver xdotool python3-gi gnome-keyring dbus keyutils imagemagick
  python3 python3-pip python3-venv nodejs gcc-mingw-w64-x86-64 wine wine64
)
missing=()
for p in "${PACKAGES[@]}"; do
  # nodejs/python3 may come from elsewhere (nvm, pyenv): a working command is enough.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    python3) command -v python3 >/dev/null 2>&1 && continue ;;
    python3-pip) python3 -m pip --version >/dev/null 2>&1 && continue ;;
    python3-venv) python3 -m venv --help >/dev/null 2>&1 && python3 -c "import ensurepip" >/dev/null 2>&1 && continue ;;
  esac
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: installing Rust (rustup)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
# Windows code paths are type-checked here (clippy for x86_64-pc-windows-gnu, with mingw).
rustup target add x86_64-pc-windows-gnu >/dev/null 2>&1 || true

if [ ! -x .tools/bin/tauri-driver ]; then
  echo "setup: installing tauri-driver into .tools"
  cargo install --quiet --root .tools tauri-driver --version '^2' --locked
fi

if ! python3 -c 'import requests' >/dev/null 2>&1; then
  echo "setup: installing requests (PyPI)"
  python3 -m pip install --quiet requests 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages requests
fi
