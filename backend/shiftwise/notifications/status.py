"""Applying providers' delivery reports to deliveries, by rank: a late "sent" never
undoes "delivered". A final failure for a reason that is the number's (unknown,
landline, blocked) marks the person's phone failing, as a refusal at send time does."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.kit.time import utcnow
from shiftwise.models import NotificationDelivery
from shiftwise.models.notification_delivery import DeliveryState
from shiftwise.notifications.preferences import Channel
from shiftwise.notifications.recipients import Recipient, load_target, mark_failing

RANK = {
    "sending": 0,  # ours, while a try is in flight
    "accepted": 1,
    "scheduled": 1,
    "queued": 1,
    "sent": 2,
    "delivered": 3,
    "read": 4,
    "undelivered": 3,
    "failed": 3,
    "canceled": 3,
}
FAILED = frozenset({"undelivered", "failed", "canceled"})
# Unknown destination, landline or unreachable carrier, blocked / opted out.
NUMBER_AT_FAULT = frozenset({"30005", "30006", "30004", "21610", "21211", "21614"})


async def apply_sms_status(
    session: AsyncSession, sid: str, reported: str, error_code: str | None
) -> bool:
    """Record Twilio's status for the deliveries sent as message `sid`; False if none."""
    rows = list(
        (
            await session.scalars(
                select(NotificationDelivery)
                .where(
                    NotificationDelivery.provider_message_id == sid,
                    NotificationDelivery.channel == Channel.sms.value,
                )
                .with_for_update()
            )
        ).all()
    )
    if not rows:
        return False
    now = utcnow()
    for row in rows:
        if RANK.get(reported, 0) < RANK.get(row.provider_status or "", 0):
            continue
        row.provider_status = reported
        row.updated_at = now
        if reported in ("delivered", "read"):
            row.state = DeliveryState.delivered
        elif reported in FAILED:
            row.state = DeliveryState.dead
            row.last_error = f"twilio reported {reported}" + (
                f" (error {error_code})" if error_code else ""
            )
    if reported in FAILED and error_code in NUMBER_AT_FAULT:
        target = await load_target(session, Recipient.of(rows[0]), lock=True)
        mark_failing(target, Channel.sms, f"twilio reported {reported} (error {error_code})", now)
    return True


# SendGrid Event Webhook: "delivered" confirms; a bounce (not a temporary block) or a
# drop for a bad or bouncing address is the address's fault.
BOUNCING_DROPS = ("Bounced Address", "Invalid", "Unsubscribed Address", "Spam Reporting Address")


async def apply_email_events(session: AsyncSession, events: list[dict[str, object]]) -> int:
    """Record SendGrid's events for our deliveries; returns how many matched a delivery."""
    matched = 0
    now = utcnow()
    for event in events:
        message_id = str(event.get("sg_message_id") or "").split(".")[0]
        kind = str(event.get("event") or "")
        if not message_id:
            continue
        rows = list(
            (
                await session.scalars(
                    select(NotificationDelivery)
                    .where(
                        NotificationDelivery.provider_message_id == message_id,
                        NotificationDelivery.channel == Channel.email.value,
                    )
                    .with_for_update()
                )
            ).all()
        )
        if not rows:
            continue
        matched += 1
        bounced = (kind == "bounce" and event.get("type") != "blocked") or (
            kind == "dropped" and str(event.get("reason") or "").startswith(BOUNCING_DROPS)
        )
        for row in rows:
            if kind == "delivered" and row.state is DeliveryState.sent:
                row.state, row.provider_status, row.updated_at = DeliveryState.delivered, kind, now
            elif bounced:
                row.state, row.provider_status, row.updated_at = DeliveryState.dead, kind, now
                row.last_error = f"sendgrid reported {kind}"
        if bounced:
            target = await load_target(session, Recipient.of(rows[0]), lock=True)
            mark_failing(target, Channel.email, f"sendgrid reported {kind}", now)
    return matched
