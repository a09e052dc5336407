from __future__ import annotations

from tests.authz.matrix import Call, Ctx, Expect, Row, new_name, row, static

EVERYONE = Expect(staff=200, coordinator=200, foreign_admin=200)
ADMIN_ONLY_READ = Expect(foreign_admin=200)


async def _location_create(_: Ctx) -> Call:
    return Call("/api/v1/locations", {"name": new_name("Ward"), "time_zone": "Europe/Paris"})


async def _location(ctx: Ctx) -> Call:
    return Call(f"/api/v1/locations/{ctx.world.loc.id}")


async def _location_patch(ctx: Ctx) -> Call:
    return Call(f"/api/v1/locations/{ctx.world.loc.id}", {"address": "1 High Street"})


async def _bad_login(_: Ctx) -> Call:
    # A fresh address each time, so the throttle never turns these 401s into 429s.
    return Call(
        "/api/v1/auth/login", {"email": f"{new_name('x')[2:]}@example.com", "password": "x"}
    )


async def _token_revoke(ctx: Ctx) -> Call:
    # A token id that is not the caller's: revoking someone else's token is a 404.
    return Call(f"/api/v1/auth/tokens/{ctx.world.loc.id}")


ROWS: list[Row] = [
    row(
        "GET",
        "/healthz",
        static("/healthz"),
        Expect(anonymous=200, staff=200, coordinator=200, foreign_admin=200),
    ),
    row(
        "GET",
        "/readyz",
        static("/readyz"),
        Expect(anonymous=200, staff=200, coordinator=200, foreign_admin=200),
    ),
    row(
        "GET",
        "/metrics",
        static("/metrics"),
        Expect(anonymous=200, staff=200, coordinator=200, foreign_admin=200),
    ),
    row(
        "POST",
        "/api/v1/auth/login",
        _bad_login,
        Expect(anonymous=401, staff=401, coordinator=401, foreign_admin=401, admin=401),
    ),
    row(
        "POST",
        "/api/v1/auth/logout",
        static("/api/v1/auth/logout"),
        Expect(staff=204, coordinator=204, foreign_admin=204, admin=204),
    ),
    row("GET", "/api/v1/me", static("/api/v1/me"), EVERYONE),
    row("GET", "/api/v1/auth/tokens", static("/api/v1/auth/tokens"), EVERYONE),
    row(
        "POST",
        "/api/v1/auth/tokens",
        static("/api/v1/auth/tokens", {"name": "script"}),
        Expect(staff=201, coordinator=201, foreign_admin=201, admin=201),
    ),
    row(
        "DELETE",
        "/api/v1/auth/tokens/{token_id}",
        _token_revoke,
        Expect(staff=404, coordinator=404, admin=404),
    ),
    row("GET", "/api/v1/locations", static("/api/v1/locations"), EVERYONE),
    row("POST", "/api/v1/locations", _location_create, Expect(admin=201, foreign_admin=201)),
    row("GET", "/api/v1/locations/{location_id}", _location, Expect(staff=200, coordinator=200)),
    row("PATCH", "/api/v1/locations/{location_id}", _location_patch, Expect()),
]
