"""Notification delivery operations: admin views and retries; the Twilio callback."""

from __future__ import annotations

import uuid

from shiftwise.models import NotificationDelivery
from shiftwise.models.notification_delivery import DeliveryState
from tests.authz.matrix import Call, Ctx, Expect, Row, row, static


async def _dead_delivery(ctx: Ctx) -> Call:
    delivery = NotificationDelivery(
        id=uuid.uuid4(),
        organisation_id=ctx.world.org.id,
        person_id=ctx.owner.id,
        channel="email",
        kind="assigned",
        idempotency_key=f"matrix:{uuid.uuid4()}",
        state=DeliveryState.dead,
        attempts=3,
        last_error="smtp: 451",
    )
    ctx.session.add(delivery)
    await ctx.session.flush()
    return Call(f"/api/v1/notification-deliveries/{delivery.id}/retry")


ROWS: list[Row] = [
    row(
        "GET",
        "/api/v1/notification-deliveries",
        static("/api/v1/notification-deliveries"),
        Expect(foreign_admin=200),
    ),
    row(
        "POST",
        "/api/v1/notification-deliveries/{delivery_id}/retry",
        _dead_delivery,
        Expect(admin=202),
    ),
    # The providers call these, not a signed-in user: a session changes nothing. Their
    # signatures are the credential; not configured (as here), a plain 404 for everyone.
    row(
        "POST",
        "/api/v1/integrations/twilio/status",
        static("/api/v1/integrations/twilio/status"),
        Expect(anonymous=404, staff=404, coordinator=404, foreign_admin=404, admin=404),
    ),
    row(
        "POST",
        "/api/v1/integrations/sendgrid/events",
        static("/api/v1/integrations/sendgrid/events"),
        Expect(anonymous=404, staff=404, coordinator=404, foreign_admin=404, admin=404),
    ),
]
