from __future__ import annotations

import httpx
import pytest
from sqlalchemy import update

from shiftwise.db import Database
from shiftwise.models import User
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World


class TestLogin:
    async def test_login_sets_httponly_cookie_and_returns_me(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        r = await client.post(
            "/api/v1/auth/login", json={"email": "Admin@Acme.test", "password": factories.PASSWORD}
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["me"]["role"] == "admin"
        assert body["me"]["email"] == "admin@acme.test"
        cookie = r.headers.get_list("set-cookie")
        session_cookie = next(c for c in cookie if c.startswith("shiftwise_session="))
        assert "HttpOnly" in session_cookie
        assert "samesite=lax" in session_cookie.lower()

    async def test_wrong_password_is_401_in_error_shape(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        r = await client.post(
            "/api/v1/auth/login", json={"email": "admin@acme.test", "password": "nope-nope"}
        )
        assert r.status_code == 401
        assert r.json()["error"] == "invalid_credentials"

    async def test_repeated_failures_are_throttled(
        self, client: httpx.AsyncClient, world: World
    ) -> None:
        for _ in range(5):
            r = await client.post(
                "/api/v1/auth/login", json={"email": "admin@acme.test", "password": "bad-guess"}
            )
            assert r.status_code == 401
        r = await client.post(
            "/api/v1/auth/login", json={"email": "admin@acme.test", "password": factories.PASSWORD}
        )
        assert r.status_code == 429
        assert r.json()["error"] == "too_many_requests"
        assert int(r.headers["retry-after"]) > 0


class TestSession:
    async def test_me_requires_sign_in(self, client: httpx.AsyncClient) -> None:
        r = await client.get("/api/v1/me")
        assert r.status_code == 401
        assert r.json()["error"] == "unauthenticated"

    async def test_logout_ends_session_server_side(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        stolen = dict(c.cookies)
        assert (await c.post("/api/v1/auth/logout")).status_code == 204
        replay = clients.anonymous()
        replay.cookies.update(stolen)
        assert (await replay.get("/api/v1/me")).status_code == 401

    async def test_change_without_csrf_header_is_refused(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        del c.headers["X-CSRF-Token"]
        r = await c.post("/api/v1/locations", json={"name": "X", "time_zone": "Europe/Paris"})
        assert r.status_code == 403
        assert r.json()["error"] == "csrf_failed"

    async def test_cross_site_origin_is_refused(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post(
            "/api/v1/locations",
            json={"name": "X", "time_zone": "Europe/Paris"},
            headers={"Origin": "https://evil.example"},
        )
        assert r.status_code == 403

    async def test_disabled_user_is_locked_out_on_next_request(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.staff_user)
        assert (await c.get("/api/v1/me")).status_code == 200
        async with database.session(write=True) as s:
            await s.execute(
                update(User).where(User.id == world.staff_user.id).values(is_active=False)
            )
        r = await c.get("/api/v1/me")
        assert r.status_code == 401
        assert r.json()["error"] == "account_disabled"


class TestApiTokens:
    async def test_bearer_token_works_without_csrf_and_can_be_revoked(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.coordinator)
        r = await c.post("/api/v1/auth/tokens", json={"name": "script"})
        assert r.status_code == 201, r.text
        token, token_id = r.json()["token"], r.json()["id"]
        script = clients.anonymous()
        script.headers["Authorization"] = f"Bearer {token}"
        assert (await script.get("/api/v1/me")).json()["role"] == "coordinator"
        listed = (await c.get("/api/v1/auth/tokens")).json()
        assert "token" not in listed[0]
        assert (await c.delete(f"/api/v1/auth/tokens/{token_id}")).status_code == 204
        assert (await script.get("/api/v1/me")).status_code == 401

    @pytest.mark.parametrize("header", ["Bearer", "Basic abc", "Bearer nonsense"])
    async def test_bad_authorization_header_is_401(
        self, client: httpx.AsyncClient, header: str
    ) -> None:
        r = await client.get("/api/v1/me", headers={"Authorization": header})
        assert r.status_code == 401
