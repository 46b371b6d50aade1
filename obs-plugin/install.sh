#!/usr/bin/env bash
# Build the AeThex OBS plugin against this machine's libobs and install it
# into the current user's OBS plugin folder (Debian/Ubuntu, OBS 29+).
#   obs-plugin/install.sh            build in release mode and install
#   obs-plugin/install.sh --uninstall
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${XDG_CONFIG_HOME:-$HOME/.config}/obs-studio/plugins/aethex-obs"

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$dest"
  echo "removed $dest"
  exit 0
fi

missing=()
[ -f /usr/include/obs/obs-module.h ] || missing+=(libobs-dev)
[ -f /usr/include/obs/obs-frontend-api.h ] || missing+=(libobs-dev)
command -v clang >/dev/null || missing+=(clang)
ls /usr/lib/llvm-*/lib/libclang.so* >/dev/null 2>&1 || missing+=(libclang-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]}; install with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

cargo build --release -p aethex-obs --features obs
target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$dest/bin/64bit" "$dest/data/locale"
install -m 0755 "$target/release/libaethex_obs.so" "$dest/bin/64bit/aethex-obs.so"
# The plugin's texts, one file per language; it follows OBS's interface language.
install -m 0644 obs-plugin/data/locale/*.ini "$dest/data/locale/"
echo "installed $dest/bin/64bit/aethex-obs.so"
echo "restart OBS; then Tools → AeThex: Log in (or run 'aethex login' once), and add the 'AeThex Alerts' source."
