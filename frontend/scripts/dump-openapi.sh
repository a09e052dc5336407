#!/usr/bin/env bash
# Print the backend's OpenAPI document without starting a server.
# FastAPI's default operation ids ("list_locations_api_v1_locations_get") are shortened to the
# handler's name ("list_locations") so the generated client reads naturally; a name used by
# two handlers keeps its long form. SHIFTWISE_BACKEND_DIR points at another backend checkout.
set -euo pipefail
cd "${SHIFTWISE_BACKEND_DIR:-$(dirname "$0")/../../backend}"
uv run --quiet python - <<'PY'
import collections, json, re
from shiftwise.app import create_app

spec = create_app().openapi()
short = {}
for path, ops in spec["paths"].items():
    for method, op in ops.items():
        suffix = re.sub(r"\W", "_", path) + "_" + method
        if "operationId" in op and op["operationId"].endswith(suffix):
            short[(path, method)] = op["operationId"][: -len(suffix)]
counts = collections.Counter(short.values())
for (path, method), name in short.items():
    if counts[name] == 1:
        spec["paths"][path][method]["operationId"] = name
print(json.dumps(spec, indent=1, sort_keys=True))
PY
