#!/usr/bin/env bash
# Sets up a fresh machine for Renkei Doctor: system packages (Chromium for the browser tests and
# `renkei check`, Xvfb for the test inside real DevTools, PostgreSQL's server binaries for the companion API's second engine), then the
# npm packages. Safe to run again; installs only what is missing. Needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then need_apt+=(chromium); fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need_apt+=(postgresql); fi
if ! command -v openssl >/dev/null 2>&1; then need_apt+=(openssl); fi
# the DevTools panel's browser test runs headful Chromium on a virtual display (e2e/devtools.spec.ts)
if ! command -v Xvfb >/dev/null 2>&1; then need_apt+=(xvfb); fi
# the Firefox browser tests (tests/firefox/) and the store screenshots' Japanese text
if [ -z "${FIREFOX_PATH:-}" ] && [ ! -x /usr/bin/firefox-esr ]; then need_apt+=(firefox-esr); fi
if [ ! -d /usr/share/fonts/opentype/noto ]; then need_apt+=(fonts-noto-cjk); fi
# the visual baselines' Latin font (e2e/visual.spec.ts); fontconfig may have come with another one
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then need_apt+=(fonts-dejavu-core); fi

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} from Debian's packages"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
echo "setup: done"
