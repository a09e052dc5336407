#!/usr/bin/env bash
# Regenerate the typed API client from the backend's OpenAPI document.
# Usage: scripts/generate-client.sh [output-dir]   (default: src/client)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/src/client}"
spec="$(mktemp --suffix=.json)"
trap 'rm -f "$spec"' EXIT
"$here/scripts/dump-openapi.sh" > "$spec"
cd "$here"
rm -rf "$out"
OPENAPI_INPUT="$spec" OPENAPI_OUTPUT="$out" npx --no-install openapi-ts > /dev/null
