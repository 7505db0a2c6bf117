#!/usr/bin/env bash
# Grammar tests (vscode-tmgrammar-test from the e2e tool cache; installs it when missing, no code-server).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/../e2e/install-tools.sh" --no-code-server >/dev/null
# shellcheck disable=SC1091
. "${PROMSCOPE_E2E_CACHE:-$HOME/.cache/promscope-e2e}/env.sh"
cd "$here"
"$PROMSCOPE_E2E_NODE24" "$PROMSCOPE_E2E_TOOLS/vscode-tmgrammar-test/dist/unit.js" --config package.json '*.test.promql' '*.test.yaml' '*.test.json'
