"""Bad input of every kind gets the right 4xx, always in the one error shape."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI

from tests.conftest import Clients
from tests.fixtures.factories import World


def _shape(response: httpx.Response) -> dict[str, object]:
    body = response.json()
    assert isinstance(body, dict)
    assert isinstance(body.get("error"), str)
    assert isinstance(body.get("detail"), str)
    assert body["detail"]
    return body


async def test_malformed_json_is_422_malformed_json(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.admin)
    r = await c.post(
        "/api/v1/locations",
        content=b'{"name": "Ward", "time_zone": ',
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 422
    assert _shape(r)["error"] == "malformed_json"


async def test_wrong_type_names_the_field(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.admin)
    r = await c.post("/api/v1/locations", json={"name": ["a"], "time_zone": "UTC"})
    assert r.status_code == 422
    assert _shape(r)["fields"] == [
        {"field": "body.name", "message": "Input should be a valid string", "code": "string_type"}
    ]


async def test_oversize_body_is_413(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.admin)
    huge = {"name": "x" * 2_000_000, "time_zone": "UTC"}
    r = await c.post("/api/v1/locations", json=huge)
    assert r.status_code == 413
    assert _shape(r)["error"] == "payload_too_large"


async def test_oversize_chunked_body_is_413(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.admin)

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(40):
            yield b"x" * 65536

    r = await c.post(
        "/api/v1/locations", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413
    assert _shape(r)["error"] == "payload_too_large"


async def test_bad_uuid_in_path_is_422_naming_it(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.admin)
    r = await c.get("/api/v1/locations/not-a-uuid")
    assert r.status_code == 422
    assert _shape(r)["fields"][0]["field"] == "path.location_id"  # type: ignore[index]


async def test_unknown_id_is_404(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.admin)
    r = await c.get("/api/v1/locations/00000000-0000-4000-8000-000000000000")
    assert r.status_code == 404
    assert _shape(r)["error"] == "location_not_found"


async def test_unknown_route_and_wrong_method(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/v1/no-such-thing")
    assert r.status_code == 404
    assert _shape(r)["error"] == "not_found"
    r = await client.put("/healthz")
    assert r.status_code == 405
    assert _shape(r)["error"] == "method_not_allowed"


async def test_request_id_is_echoed(client: httpx.AsyncClient) -> None:
    r = await client.get("/healthz", headers={"X-Request-ID": "abc123"})
    assert r.headers["x-request-id"] == "abc123"


def test_openapi_declares_the_error_shape_for_every_operation(app: FastAPI) -> None:
    spec = app.openapi()
    problems = []
    for path, item in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in item.items():
            errors = {s: r for s, r in operation["responses"].items() if s.startswith("4")}
            if not errors:
                problems.append(f"{method.upper()} {path}: declares no 4xx")
            if path != "/api/v1/auth/login" and "401" not in errors:
                problems.append(f"{method.upper()} {path}: does not declare 401")
            if (operation.get("parameters") or "requestBody" in operation) and "422" not in errors:
                problems.append(f"{method.upper()} {path}: takes input but does not declare 422")
            if "{" in path and "404" not in errors:
                problems.append(f"{method.upper()} {path}: names a record but does not declare 404")
            for status, response in errors.items():
                schema = response["content"]["application/json"]["schema"]
                if schema != {"$ref": "#/components/schemas/ErrorBody"}:
                    problems.append(f"{method.upper()} {path} {status}: not ErrorBody")
            if not operation.get("description") and not operation.get("summary"):
                problems.append(f"{method.upper()} {path}: no docstring")
    assert not problems, "\n".join(problems)
