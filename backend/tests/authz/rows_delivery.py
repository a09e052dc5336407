"""Dead letters and calendar feeds."""

from __future__ import annotations

import uuid

from shiftwise.kit.time import utcnow
from shiftwise.models import OutboxEvent
from tests.authz.matrix import Call, Ctx, Expect, Row, row, static

# Only people have calendars: a login without a person profile has none to show.
PEOPLE_ONLY = Expect(staff=200, coordinator=403, foreign_admin=403, admin=403)


async def _dead_letter(ctx: Ctx) -> Call:
    event = OutboxEvent(
        id=uuid.uuid4(),
        organisation_id=ctx.world.org.id,
        topic="matrix.test",
        payload={},
        attempts=5,
        last_error="refused",
        dead_at=utcnow(),
    )
    ctx.session.add(event)
    await ctx.session.flush()
    return Call(f"/api/v1/dead-letters/{event.id}/retry")


ROWS: list[Row] = [
    row("GET", "/api/v1/dead-letters", static("/api/v1/dead-letters"), Expect(foreign_admin=200)),
    row("POST", "/api/v1/dead-letters/{event_id}/retry", _dead_letter, Expect(admin=202)),
    # The token first: the feed's address exists once a token does.
    row("POST", "/api/v1/me/calendar-token", static("/api/v1/me/calendar-token"), PEOPLE_ONLY),
    row("GET", "/api/v1/me/calendar-feed", static("/api/v1/me/calendar-feed"), PEOPLE_ONLY),
    # The feed needs no sign-in; a wrong token is the same plain 404 for everyone.
    row(
        "GET",
        "/calendar/{token}.ics",
        static("/calendar/not-a-real-token.ics"),
        Expect(anonymous=404, staff=404, coordinator=404, foreign_admin=404, admin=404),
    ),
]
