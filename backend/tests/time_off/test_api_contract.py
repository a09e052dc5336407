"""The OpenAPI contract of the availability and time-off endpoints."""

from __future__ import annotations

import httpx

PREFIXES = ("/api/v1/availability", "/api/v1/time-off-requests")


async def test_every_operation_is_documented_and_declares_its_errors(
    client: httpx.AsyncClient,
) -> None:
    spec = (await client.get("/openapi.json")).json()
    operations = [
        (path, method, op)
        for path, item in spec["paths"].items()
        if path.startswith(PREFIXES)
        for method, op in item.items()
    ]
    assert len(operations) == 11
    for path, method, op in operations:
        where = f"{method.upper()} {path}"
        assert op.get("description"), where
        assert "401" in op["responses"], where
        has_input = bool(op.get("parameters")) or "requestBody" in op
        assert not has_input or "422" in op["responses"], where
        if method != "get" or "{" in path:
            assert "403" in op["responses"], where
        if "{" in path:
            assert "404" in op["responses"], where
        for status, response in op["responses"].items():
            if status.startswith("4"):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}, where
