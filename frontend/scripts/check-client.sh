#!/usr/bin/env bash
# Fail when the committed client in src/client differs from what the backend's spec generates.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$here/scripts/generate-client.sh" "$tmp/client"
if ! diff -r "$here/src/client" "$tmp/client" > "$tmp/diff.txt"; then
  head -n 40 "$tmp/diff.txt"
  echo "src/client is stale: run 'make client' (or 'npm run client') and commit the result." >&2
  exit 1
fi
echo "generated client is up to date"
