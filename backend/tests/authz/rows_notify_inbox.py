"""Notification inbox and preferences: every login has its own (a person's, or a
coordinator's or admin's without a person profile)."""

from __future__ import annotations

import uuid

from shiftwise.models import Notification
from tests.authz.matrix import Call, Ctx, Expect, Row, row, static

# The world's admins and coordinators have no person profile: they have an inbox too.
EVERY_LOGIN = Expect(staff=200, coordinator=200, foreign_admin=200, admin=200)


async def _notification_of_owner(ctx: Ctx) -> Call:
    note = Notification(
        id=uuid.uuid4(),
        organisation_id=ctx.owner.organisation_id,
        person_id=ctx.owner.id,
        topic="matrix.test",
        payload={},
        idempotency_key=f"matrix:{uuid.uuid4()}",
    )
    ctx.session.add(note)
    await ctx.session.flush()
    return Call(f"/api/v1/notifications/{note.id}/read")


ROWS: list[Row] = [
    row("GET", "/api/v1/notifications", static("/api/v1/notifications"), EVERY_LOGIN),
    row(
        "GET",
        "/api/v1/notifications/unread-count",
        static("/api/v1/notifications/unread-count"),
        EVERY_LOGIN,
    ),
    # max_seconds=0: one snapshot, then the stream ends (the matrix reads whole bodies).
    row(
        "GET",
        "/api/v1/notifications/stream",
        static("/api/v1/notifications/stream?max_seconds=0"),
        EVERY_LOGIN,
    ),
    row(
        "POST",
        "/api/v1/notifications/read-all",
        static("/api/v1/notifications/read-all"),
        EVERY_LOGIN,
    ),
    # Another's notification is as absent from my inbox as a made-up id.
    row(
        "POST",
        "/api/v1/notifications/{notification_id}/read",
        _notification_of_owner,
        Expect(staff_own=200, staff_other=404, coordinator=404, foreign_admin=404, admin=404),
    ),
    row(
        "GET",
        "/api/v1/notification-preferences",
        static("/api/v1/notification-preferences"),
        EVERY_LOGIN,
    ),
    row(
        "PUT",
        "/api/v1/notification-preferences",
        static("/api/v1/notification-preferences", {"reminder_offsets_minutes": [60]}),
        EVERY_LOGIN,
    ),
]
