"""The delivery actors: an outbox event becomes messages on every channel.

Three steps, each an outbox job with the executor's retries and dead letters:

1. `notifications.deliver` (every event whose topic names no actor): route the
   event to its kind and recipients (people, or logins without a person profile:
   see recipients.py), and per recipient and wanted channel create one
   `notification_deliveries` row under the deterministic key (event, channel,
   recipient). In-app is written at once, in the same transaction (inbox row + a
   `sent` delivery). Other channels start `queued` (or `skipped`, with the reason:
   channel off, no contact, contact failing), each with a `collect` job due when
   the grouping window — or the person's quiet hours — end.
2. `notifications.collect`: gathers every queued, unbatched, due row of that person
   and channel into one batch (`batch_id`) and enqueues its `send`, atomically.
3. `notifications.send`: renders the batch as one message and hands it to the
   provider with the batch's key. Before calling the provider it records the try
   (attempts + 1, provider_status "sending"); after, `sent` with the provider's id.

Exactly-once effect. A re-run finds rows already `sent` (or dead, skipped) and does
nothing, so a worker killed before the call or after recording the outcome causes
no second message. A worker killed between the provider's acceptance and our
record leaves rows marked "sending": the retry first asks the provider whether it
already has the message, where the provider can answer (Twilio: list messages to
that number since the try began, matching the body) and records it instead of
sending again. SMTP, SendGrid and Teams Workflows cannot be asked, so in that
window (milliseconds) they are at least once; the repeat carries the same key
(Message-ID, SendGrid custom_args) so it is recognisably the same message.

A worker lost during the send job's last attempt leaves its rows pending with no job
left to finish them: the periodic sweep (sweep.py) sends such a batch once more, under
the same key, or gives it up as dead.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.kit.crypto import DecryptionError
from shiftwise.kit.time import utcnow
from shiftwise.models import Location, NotificationDelivery, OutboxEvent
from shiftwise.models.notification_delivery import DeliveryState
from shiftwise.notifications.channels.base import Receipt, Refused, Rendered, Transient
from shiftwise.notifications.channels.in_app import write_inbox_row
from shiftwise.notifications.channels.registry import build_sender, off_reason
from shiftwise.notifications.preferences import Channel, MessageKind
from shiftwise.notifications.recipients import (
    Recipient,
    Target,
    address_of,
    contact_problem,
    display_name,
    load_reachable,
    load_target,
    mark_failing,
)
from shiftwise.notifications.render import Item, render
from shiftwise.notifications.routing import ROUTES, SILENT, recipients
from shiftwise.worker.actors import EVENT_ACTOR, JobContext, actor
from shiftwise.worker.errors import RetryLater
from shiftwise.worker.outbox import enqueue

log = logging.getLogger(__name__)

PENDING = (DeliveryState.queued, DeliveryState.failed)
SENDING = "sending"  # provider_status while a try is in flight


def delivery_key(event_id: uuid.UUID, channel: str, recipient: Recipient) -> str:
    return f"{event_id}:{channel}:{recipient.key}"


def _hold_until(quiet_end: datetime | None, payload: dict[str, Any]) -> datetime | None:
    """Quiet hours hold a message until they end, unless its shift starts before then:
    news of a shift that has begun (a reminder, a cancellation at dawn) is news too late."""
    if quiet_end is None:
        return None
    starts = payload.get("starts_at")
    if isinstance(starts, str):
        try:
            if datetime.fromisoformat(starts) <= quiet_end:
                return None
        except ValueError:
            pass
    return quiet_end


@actor(EVENT_ACTOR)
async def deliver(job: JobContext) -> None:
    """Route one event to the people it concerns, one delivery per channel each."""
    route = ROUTES.get(job.topic)
    if route is None:
        if job.topic not in SILENT:
            log.info("event %s: topic %s is told to no one", job.event_id, job.topic)
        return
    settings, now = job.settings, utcnow()
    window = timedelta(seconds=settings.notify_group_window_seconds)
    async with job.database.session(write=True) as s:
        found = await recipients(s, job.organisation_id, route, job.person_id, job.payload)
        if not found:
            return
        reachable = await load_reachable(s, found)
        keys = [delivery_key(job.event_id, c.value, r) for r in found for c in Channel]
        existing = set(
            await s.scalars(
                select(NotificationDelivery.idempotency_key).where(
                    NotificationDelivery.idempotency_key.in_(keys)
                )
            )
        )
        for recipient in found:
            reach = reachable.get(recipient)
            if reach is None:
                continue
            pref = reach.preferences
            for channel in Channel:
                key = delivery_key(job.event_id, channel.value, recipient)
                if key in existing or not pref.wants(route.kind, channel):
                    continue
                row = NotificationDelivery(
                    id=uuid.uuid4(),
                    organisation_id=job.organisation_id,
                    **recipient.columns,
                    event_id=job.event_id,
                    channel=channel.value,
                    kind=route.kind.value,
                    idempotency_key=key,
                )
                s.add(row)
                if channel is Channel.in_app:
                    await write_inbox_row(
                        s,
                        key,
                        organisation_id=job.organisation_id,
                        recipient=recipient,
                        event_id=job.event_id,
                        topic=job.topic,
                        payload=job.payload,
                    )
                    row.state, row.attempts, row.sent_at = DeliveryState.sent, 1, now
                    continue
                reason = off_reason(settings, channel) or contact_problem(reach.target, channel)
                if reason is not None:
                    row.state, row.last_error = DeliveryState.skipped, reason
                    continue
                quiet = _hold_until(pref.quiet_until(now), job.payload)
                row.not_before = quiet
                delay = max(window, (quiet - now) if quiet else timedelta(0))
                await s.flush()
                await enqueue(
                    s,
                    job.organisation_id,
                    collect.message(delivery_id=row.id),
                    person_id=recipient.person_id,
                    delay=delay,
                    dedupe_key=f"notifications.collect:{row.id}",
                )


@actor("notifications.collect")
async def collect(job: JobContext, delivery_id: uuid.UUID) -> None:
    """Batch this delivery with every other one due for its recipient and channel."""
    now = utcnow()
    async with job.database.session(write=True) as s:
        row = await s.get(NotificationDelivery, delivery_id, with_for_update=True)
        if row is None or row.state is not DeliveryState.queued or row.batch_id is not None:
            return  # already batched by an earlier collect, or done
        if row.not_before is not None and row.not_before > now:
            await enqueue(
                s,
                row.organisation_id,
                collect.message(delivery_id=row.id),
                person_id=row.person_id,  # None for a login without a profile
                delay=row.not_before - now,
                dedupe_key=f"notifications.collect:{row.id}:{row.not_before.isoformat()}",
            )
            return
        rows = (
            await s.scalars(
                select(NotificationDelivery)
                .where(
                    Recipient.of(row).matches(NotificationDelivery),
                    NotificationDelivery.organisation_id == row.organisation_id,
                    NotificationDelivery.channel == row.channel,
                    NotificationDelivery.state == DeliveryState.queued,
                    NotificationDelivery.batch_id.is_(None),
                    or_(
                        NotificationDelivery.not_before.is_(None),
                        NotificationDelivery.not_before <= now,
                    ),
                )
                .order_by(NotificationDelivery.created_at, NotificationDelivery.id)
                .with_for_update()
            )
        ).all()
        batch_id = uuid.uuid4()
        for r in rows:
            r.batch_id = batch_id
        await enqueue(
            s,
            row.organisation_id,
            send.message(batch_id=batch_id),
            person_id=row.person_id,
            dedupe_key=f"notifications.send:{batch_id}",
        )


async def _prepare(
    s: AsyncSession, settings: Settings, batch_id: uuid.UUID
) -> tuple[list[NotificationDelivery], Target, Channel, Rendered, str, datetime | None] | None:
    """The batch's pending rows, recipient's contact row, channel, message, key and, when an earlier
    try's outcome is unknown, when it began; None when there is nothing to send."""
    rows = list(
        (
            await s.scalars(
                select(NotificationDelivery)
                .where(NotificationDelivery.batch_id == batch_id)
                .order_by(NotificationDelivery.created_at, NotificationDelivery.id)
                .with_for_update()
            )
        ).all()
    )
    pending = [r for r in rows if r.state in PENDING]
    if not pending:
        return None
    channel = Channel(pending[0].channel)
    recipient = Recipient.of(pending[0])
    target = await load_target(s, recipient)
    now = utcnow()
    reason = off_reason(settings, channel) or contact_problem(target, channel)
    if reason is not None:
        for r in pending:
            r.state, r.last_error = DeliveryState.skipped, reason
        return None
    unknown = min((r.updated_at for r in pending if r.provider_status == SENDING), default=None)
    rendered = await _render(s, recipient, target, pending)
    key = pending[0].idempotency_key if len(pending) == 1 else f"batch:{batch_id}"
    for r in pending:  # the try is recorded before it is made
        r.attempts += 1
        r.provider_status = SENDING
        r.updated_at = now
    return pending, target, channel, rendered, key, unknown


async def _render(
    s: AsyncSession, recipient: Recipient, target: Target, rows: Sequence[NotificationDelivery]
) -> Rendered:
    event_ids = [r.event_id for r in rows if r.event_id is not None]
    events = {
        e.id: e for e in await s.scalars(select(OutboxEvent).where(OutboxEvent.id.in_(event_ids)))
    }
    items = []
    for r in rows:
        event = events.get(r.event_id) if r.event_id else None
        items.append(
            Item(
                MessageKind(r.kind),
                event.topic if event else r.kind,
                event.payload if event else {},
            )
        )
    location_ids = {str(i.payload["location_id"]) for i in items if i.payload.get("location_id")}
    names = {
        str(loc_id): name
        for loc_id, name in await s.execute(
            select(Location.id, Location.name).where(
                Location.id.in_([uuid.UUID(x) for x in location_ids])
            )
        )
    }
    zone = (await load_reachable(s, [recipient]))[recipient].preferences.time_zone
    return render(items, name=display_name(target), zone_name=zone, locations=names)


@actor("notifications.send")
async def send(job: JobContext, batch_id: uuid.UUID) -> None:
    """Send one batch as one message on its channel (see the module's exactly-once notes)."""
    settings = job.settings
    async with job.database.session(write=True) as s:
        prepared = await _prepare(s, settings, batch_id)
        if prepared is None:
            return
        rows, target, channel, rendered, key, unknown_since = prepared
        recipient = Recipient.of(rows[0])
        try:
            address = address_of(target, channel)
        except DecryptionError:
            for r in rows:
                r.state, r.last_error = DeliveryState.dead, f"{channel.value} contact unreadable"
            return
        ids = [r.id for r in rows]
    async with httpx.AsyncClient(timeout=settings.notify_http_timeout_seconds) as client:
        sender = build_sender(settings, channel, client)
        assert sender is not None  # _prepare skipped the batch when the channel is off
        try:
            receipt = None
            if unknown_since is not None:
                log.warning("delivery batch %s: an earlier try's outcome is unknown", batch_id)
                finder = getattr(sender, "find_sent", None)
                if finder is not None:
                    receipt = await finder(rendered, address, since=unknown_since)
            if receipt is None:
                receipt = await sender.send(rendered, address, key)
        except Refused as exc:
            await _finish(
                job.database, ids, DeliveryState.dead, str(exc), refused=(recipient, channel)
            )
            log.info(
                "delivery batch %s refused for good; %s contact marked failing", batch_id, channel
            )
            return
        except Transient as exc:
            final = job.attempt >= settings.job_max_attempts
            state = DeliveryState.dead if final else DeliveryState.failed
            await _finish(job.database, ids, state, str(exc))
            if final:
                log.warning("delivery batch %s dead after %d tries: %s", batch_id, job.attempt, exc)
                return
            raise RetryLater(str(exc), delay=exc.retry_after) from None
    await mark_sent(job.database, ids, receipt)


async def mark_sent(database: Database, ids: Sequence[uuid.UUID], receipt: Receipt) -> None:
    now = utcnow()
    async with database.session(write=True) as s:
        for r in await s.scalars(
            select(NotificationDelivery).where(NotificationDelivery.id.in_(ids)).with_for_update()
        ):
            r.state, r.sent_at, r.last_error = DeliveryState.sent, now, None
            r.provider_message_id = receipt.provider_message_id
            r.provider_status = receipt.provider_status


async def _finish(
    database: Database,
    ids: Sequence[uuid.UUID],
    state: DeliveryState,
    error: str,
    *,
    refused: tuple[Recipient, Channel] | None = None,
) -> None:
    now = utcnow()
    async with database.session(write=True) as s:
        for r in await s.scalars(
            select(NotificationDelivery).where(NotificationDelivery.id.in_(ids)).with_for_update()
        ):
            r.state, r.last_error, r.provider_status = state, error[:2000], None
        if refused is not None:
            target = await load_target(s, refused[0], lock=True)
            mark_failing(target, refused[1], error, now)
