#!/usr/bin/env bash
# Installs Debian's headless Chromium when no Chromium is present: the browser tests
# (test/browser/) drive it with playwright-core, which downloads no browser. Run by scripts/test.sh
# (npm test) before the tests.
set -u
for b in /usr/bin/chromium-headless-shell /usr/bin/chromium; do
  if [ -x "$b" ]; then exit 0; fi
done
echo "== Chromium not found: installing Debian's chromium-headless-shell (for test/browser/)"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
  echo "== cannot install Chromium: not root and no sudo (install it: apt-get install -y chromium-headless-shell)"
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends chromium-headless-shell >/dev/null 2>&1 ||
  { $SUDO apt-get update >/dev/null 2>&1 && $SUDO apt-get install -y --no-install-recommends chromium-headless-shell >/dev/null 2>&1; } ||
  { echo "== apt-get install chromium-headless-shell failed"; exit 1; }
[ -x /usr/bin/chromium-headless-shell ]
