#!/usr/bin/env bash
# Refresh technopark/static/vendor from the npm registry, at the versions pinned in
# tools/package.json. Run on purpose (make vendor) when upgrading; the copied files are
# committed so that a clone works with only Python and no network.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund --ignore-scripts
dest=../technopark/static/vendor
rm -rf "$dest" && mkdir -p "$dest/bootstrap" "$dest/htmx"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.rtl.min.css "$dest/bootstrap/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js "$dest/bootstrap/"
cp node_modules/bootstrap/LICENSE "$dest/bootstrap/LICENSE"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx/"
cp node_modules/htmx.org/LICENSE "$dest/htmx/LICENSE"
node -e "const d=require(\"./package.json\").dependencies;for(const k in d)console.log(k+\" \"+d[k])" > "$dest/VERSIONS"
