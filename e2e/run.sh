#!/usr/bin/env bash
# End-to-end tests in a real browser: Debian's Chromium driven by Playwright (from PyPI; it
# never downloads a browser of its own) against a live demo server seeded with
# `seed-demo --size small` in a throw-away directory. Exit code non-zero on failure;
# screenshots and HTML of failing pages land in test-results/.
# `bash e2e/run.sh --screenshots` (or `make screenshots`) refreshes docs/screenshots/ instead.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PY="$ROOT/.venv/bin/python"
TP="$ROOT/.venv/bin/technopark"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium from the distribution"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! "$PY" -c "import playwright" 2>/dev/null; then
  echo "== installing playwright (Python package only)"
  "$PY" -m pip install --quiet playwright
fi
(cd e2e/vendor && sha256sum --quiet -c <(echo "$(cat axe.min.js.sha256)  axe.min.js"))

WORK="$(mktemp -d /tmp/technopark-e2e.XXXXXX)"
PORT="${E2E_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The demo server: its own SQLite database, no staff 2FA (the demo staff have no phone).
export TECHNOPARK_VAR_DIR="$WORK" MEDIA_ROOT="$WORK/uploads" REQUIRE_STAFF_2FA=0 DEBUG=0
unset DATABASE_URL TECHNOPARK_TESTING
echo "== seeding the demo (small) in $WORK"
"$TP" migrate --noinput -v 0
"$TP" compilemessages --ignore=.venv -v 0 >/dev/null 2>&1 || true
"$TP" seed-demo --size small >"$WORK/seed.log"
"$TP" runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  if curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; then break; fi
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" || { cat "$WORK/server.log"; exit 1; }

if [ "${1:-}" = "--screenshots" ]; then
  echo "== screenshots into docs/screenshots/"
  E2E_BASE_URL="http://127.0.0.1:$PORT" "$PY" e2e/screenshots.py
  exit $?
fi

echo "== journeys and accessibility in Chromium"
rm -rf test-results
status=0
E2E_BASE_URL="http://127.0.0.1:$PORT" "$PY" -m pytest -p no:django -p no:cacheprovider \
  -o addopts="" -q -rA e2e "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "== server errors (if any)"
  grep -A3 "Internal Server Error" "$WORK/server.log" | tail -40 || true
  mkdir -p test-results && cp "$WORK/server.log" test-results/server.log
  echo "screenshots of failures: $ROOT/test-results/"
fi
exit "$status"
