#!/usr/bin/env bash
# Installs Debian's redis-server when it is absent: the queue tests (test/redis/) start their own
# server from it on a free loopback port. Run by scripts/test.sh (npm test) before the tests.
set -u
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
echo "== redis-server not found: installing Debian's redis-server (for test/redis/)"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
  echo "== cannot install redis-server: not root and no sudo (install it: apt-get install -y redis-server)"
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends redis-server >/dev/null 2>&1 ||
  { $SUDO apt-get update >/dev/null 2>&1 && $SUDO apt-get install -y --no-install-recommends redis-server >/dev/null 2>&1; } ||
  { echo "== apt-get install redis-server failed"; exit 1; }
# Debian's package may start a system server on 6379; the tests use their own, so stop it.
$SUDO service redis-server stop >/dev/null 2>&1 || true
command -v redis-server >/dev/null 2>&1
