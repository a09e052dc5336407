"""Notification inbox and preferences: each person's own, so only people have them."""

from __future__ import annotations

import uuid

from shiftwise.models import Notification
from tests.authz.matrix import Call, Ctx, Expect, Row, row, static

# A login without a person profile (the world's admins and coordinators) has no inbox.
PEOPLE_ONLY = Expect(staff=200, coordinator=403, foreign_admin=403, admin=403)


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
    row("GET", "/api/v1/notifications", static("/api/v1/notifications"), PEOPLE_ONLY),
    row(
        "GET",
        "/api/v1/notifications/unread-count",
        static("/api/v1/notifications/unread-count"),
        PEOPLE_ONLY,
    ),
    # max_seconds=0: one snapshot, then the stream ends (the matrix reads whole bodies).
    row(
        "GET",
        "/api/v1/notifications/stream",
        static("/api/v1/notifications/stream?max_seconds=0"),
        PEOPLE_ONLY,
    ),
    row(
        "POST",
        "/api/v1/notifications/read-all",
        static("/api/v1/notifications/read-all"),
        PEOPLE_ONLY,
    ),
    # Another person's notification is as absent from my inbox as a made-up id.
    row(
        "POST",
        "/api/v1/notifications/{notification_id}/read",
        _notification_of_owner,
        Expect(staff_own=200, staff_other=404, coordinator=403, foreign_admin=403, admin=403),
    ),
    row(
        "GET",
        "/api/v1/notification-preferences",
        static("/api/v1/notification-preferences"),
        PEOPLE_ONLY,
    ),
    row(
        "PUT",
        "/api/v1/notification-preferences",
        static("/api/v1/notification-preferences", {"reminder_offsets_minutes": [60]}),
        PEOPLE_ONLY,
    ),
]
