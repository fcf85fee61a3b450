#!/usr/bin/env bash
# The production topology on one machine (CI runs it after the browser tests):
# PostgreSQL (a fresh database), Redis, an SMTP server, two gunicorn servers and the
# worker, started from deploy/systemd/*.service, then checked end to end.
# Ports: TOPOLOGY_PORT_BASE+1..+4 (default 18171-18174). TOPOLOGY_KEEP_LOGS=1 keeps logs.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest deploy/test_topology.py -q -p no:xdist -p no:django \
  -p no:cacheprovider -o addopts="" -x "$@"
