#!/usr/bin/env bash
# Smoke-tests an installed or unpacked PruneScope's command-line launcher on its bundled sample, from a folder
# that holds no assets/ (so the sample must be found from the installation). Used by the CI workflow on Linux,
# Windows (Git Bash) and macOS.
#   installers/smoke-test-cli.sh CLI_LAUNCHER ASSETS_DIR
set -euo pipefail
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
assets="$(cd "$2" && pwd)"
cd "$(mktemp -d)"
"$cli" --help | grep -q "analyze" || { echo "--help does not list analyze" >&2; exit 1; }
"$cli" --version
out="$("$cli" analyze "$assets/models/fashion-resnet.onnx")"
echo "$out" | tail -6
echo "$out" | grep -q "params" || { echo "analyze printed no totals" >&2; exit 1; }
"$cli" evaluate "$assets/models/fashion-resnet.onnx" --data bundled | tail -2
echo "CLI smoke test passed: $cli"
