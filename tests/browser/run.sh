#!/usr/bin/env bash
# Real-browser tests of Ahual: headless Debian Chromium driven by playwright-core (no browser download),
# axe-core, Node's built-in test runner.
#
#   AHUAL_BIN=/path/to/ahual bash tests/browser/run.sh [test files...]
#
# Needs Debian's chromium at /usr/bin/chromium, the DejaVu fonts, Node.js 20 or newer and npm; it
# installs no system package (that is CI's job: `.ci/run` installs them) and stops at once, naming
# what is missing. It does install the suite's own node packages (npm ci, into node_modules) when
# they are absent. Each test file starts its own `ahual serve --demo` on a fresh temp database and a
# free 127.0.0.1 port, and stops it at the end. Screenshots go to tests/browser/screenshots/.
# Exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ -z "${AHUAL_BIN:-}" ]; then
  echo "run.sh: set AHUAL_BIN to the ahual binary to test (e.g. target/debug/ahual)" >&2
  exit 2
fi
# Resolved against the caller's directory, before moving into the suite's.
if [ ! -x "$AHUAL_BIN" ] || [ -d "$AHUAL_BIN" ]; then
  echo "run.sh: AHUAL_BIN=$AHUAL_BIN is not an executable file" >&2
  exit 2
fi
AHUAL_BIN="$(cd "$(dirname "$AHUAL_BIN")" && pwd)/$(basename "$AHUAL_BIN")"
export AHUAL_BIN
cd "$here"

missing=()
[ -x /usr/bin/chromium ] || missing+=("chromium (Debian's, at /usr/bin/chromium)")
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=("fonts-dejavu-core")
command -v node >/dev/null 2>&1 || missing+=("nodejs (20 or newer)")
command -v npm >/dev/null 2>&1 || missing+=("npm")
if [ "${#missing[@]}" -gt 0 ]; then
  echo "run.sh: the browser tests cannot run; missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "Install them (Debian, as root: apt-get install -y chromium fonts-dejavu-core nodejs npm); bash .ci/run does." >&2
  exit 2
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "run.sh: Node.js 20 or newer is needed (found $(node --version))" >&2
  exit 2
fi
if [ ! -d node_modules ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

rm -rf screenshots
mkdir -p screenshots
echo "== browser tests: $(/usr/bin/chromium --version 2>/dev/null || echo chromium), node $(node --version), ahual $AHUAL_BIN"
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  files=(*.test.mjs)
fi
# One file at a time: each runs its own server and Chromium, and this may be a 2-core machine.
exec node --test --test-concurrency=1 --test-reporter=spec --test-timeout=300000 "${files[@]}"
