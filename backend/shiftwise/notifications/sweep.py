"""Finding deliveries no job will finish, and finishing them.

The executor gives a job up when its worker was lost during the job's last attempt
(it is marked dead, "worker lost on the last attempt"). For a `notifications.send`
job that leaves its deliveries `queued`/`failed` (often with provider_status
"sending") with nothing left to move them; the same for a `collect` job lost that way,
whose row is never batched. The periodic sweep finds such rows — pending, untouched for
longer than a job's lease, and with no live job of theirs in the outbox — and:

- the first time, enqueues the job once more through the outbox, under a fixed dedupe
  key (`…:sweep`), so however many sweeps run (two schedulers, a redelivered job) it
  is enqueued at most once. A resent batch keeps its idempotency key, and rows left
  "sending" make the send ask the provider first where it can (Twilio), exactly as an
  ordinary retry does: the effect at the provider stays exactly-once where the
  provider can tell, and the same recognisable message otherwise;
- if that job was lost too, gives the rows up as `dead` with the reason, for an admin
  to look at and retry by hand (POST /notification-deliveries/{id}/retry).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import NotificationDelivery, OutboxEvent
from shiftwise.models.notification_delivery import DeliveryState
from shiftwise.notifications.preferences import Channel
from shiftwise.notifications.tasks import collect, send
from shiftwise.worker.outbox import enqueue

log = logging.getLogger(__name__)

PENDING = (DeliveryState.queued, DeliveryState.failed)
LOST_SEND = (
    "the worker was lost during the last send attempt, and again when it was sent once "
    "more; not sent again automatically (the provider may have it): check, then retry"
)
LOST_COLLECT = "never batched for sending: its collect job was lost twice; retry to send it"


@dataclass
class SweepResult:
    resent: int = 0  # jobs enqueued once more
    dead: int = 0  # deliveries given up


def send_key(batch_id: uuid.UUID) -> str:
    return f"notifications.send:{batch_id}"


def _live(event: OutboxEvent) -> bool:
    return event.processed_at is None and event.dead_at is None


async def sweep(
    session: AsyncSession, organisation_id: uuid.UUID, now: datetime, lease: timedelta
) -> SweepResult:
    """One pass over this organisation's stuck deliveries (idempotent; see the module)."""
    result = SweepResult()
    quiet_since = now - lease
    await _sweep_batches(session, organisation_id, quiet_since, result)
    await _sweep_unbatched(session, organisation_id, quiet_since, result)
    return result


async def _sweep_batches(
    session: AsyncSession, organisation_id: uuid.UUID, quiet_since: datetime, result: SweepResult
) -> None:
    batches = list(
        await session.scalars(
            select(NotificationDelivery.batch_id)
            .where(
                NotificationDelivery.organisation_id == organisation_id,
                NotificationDelivery.state.in_(PENDING),
                NotificationDelivery.batch_id.is_not(None),
                NotificationDelivery.updated_at < quiet_since,
            )
            .distinct()
        )
    )
    for batch_id in batches:
        assert batch_id is not None
        first, again = send_key(batch_id), f"{send_key(batch_id)}:sweep"
        jobs = {
            e.dedupe_key: e
            for e in await session.scalars(
                select(OutboxEvent).where(OutboxEvent.dedupe_key.in_([first, again]))
            )
        }
        retried, original = jobs.get(again), jobs.get(first)
        if (retried is not None and _live(retried)) or (
            retried is None and original is not None and _live(original)
        ):
            continue  # a job will still see to it
        rows = list(
            (
                await session.scalars(
                    select(NotificationDelivery)
                    .where(
                        NotificationDelivery.batch_id == batch_id,
                        NotificationDelivery.state.in_(PENDING),
                    )
                    .with_for_update()
                )
            ).all()
        )
        if not rows:
            continue  # finished meanwhile
        if retried is None:
            await enqueue(
                session,
                organisation_id,
                send.message(batch_id=batch_id),
                person_id=rows[0].person_id,
                dedupe_key=again,
            )
            result.resent += 1
            log.warning("delivery batch %s: its send job was lost; sent once more", batch_id)
            continue
        for r in rows:
            r.state, r.last_error, r.provider_status = DeliveryState.dead, LOST_SEND, None
        result.dead += len(rows)
        log.warning("delivery batch %s: lost twice; %d deliveries dead", batch_id, len(rows))


async def _sweep_unbatched(
    session: AsyncSession, organisation_id: uuid.UUID, quiet_since: datetime, result: SweepResult
) -> None:
    rows = list(
        (
            await session.scalars(
                select(NotificationDelivery)
                .where(
                    NotificationDelivery.organisation_id == organisation_id,
                    NotificationDelivery.state == DeliveryState.queued,
                    NotificationDelivery.batch_id.is_(None),
                    NotificationDelivery.channel != Channel.in_app.value,
                    NotificationDelivery.updated_at < quiet_since,
                    or_(
                        NotificationDelivery.not_before.is_(None),
                        NotificationDelivery.not_before < quiet_since,
                    ),
                )
                .with_for_update()
            )
        ).all()
    )
    for row in rows:
        prefix = f"notifications.collect:{row.id}"
        jobs = list(
            await session.scalars(
                select(OutboxEvent).where(
                    or_(
                        OutboxEvent.dedupe_key == prefix,
                        OutboxEvent.dedupe_key.startswith(prefix + ":"),
                    )
                )
            )
        )
        if any(_live(e) for e in jobs):
            continue
        again = f"{prefix}:sweep"
        if any(e.dedupe_key == again for e in jobs):
            row.state, row.last_error = DeliveryState.dead, LOST_COLLECT
            result.dead += 1
            continue
        await enqueue(
            session,
            organisation_id,
            collect.message(delivery_id=row.id),
            person_id=row.person_id,
            dedupe_key=again,
        )
        result.resent += 1
