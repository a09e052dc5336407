"""Reading and replacing one's own notification preferences.

Every login has them: a person's are stored against the person, and a coordinator's or
admin's without a person profile against the login (in-app and email only).
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.errors import field_error
from shiftwise.models import Location, NotificationPreference, Organisation, Person
from shiftwise.notifications.preference_schemas import (
    NotificationPreferences,
    NotificationPreferencesUpdate,
)
from shiftwise.notifications.preferences import (
    DEFAULT_CHANNELS,
    USER_CHANNELS,
    Channel,
    resolve,
)
from shiftwise.notifications.recipients import Recipient


def own_recipient(subject: Subject) -> Recipient:
    if subject.person_id is not None:
        return Recipient.person(subject.person_id)
    return Recipient.user(subject.user_id)


def _available(recipient: Recipient) -> frozenset[Channel]:
    return frozenset(Channel) if recipient.person_id is not None else USER_CHANNELS


def _ordered(channels: frozenset[Channel]) -> list[Channel]:
    return [c for c in Channel if c in channels]


async def _fallback_zone(session: AsyncSession, subject: Subject) -> str:
    """The home location's zone, else the organisation's."""
    if subject.person_id is None:
        zone = await session.scalar(
            select(Organisation.default_time_zone).where(Organisation.id == subject.organisation_id)
        )
        return str(zone)
    row = (
        await session.execute(
            select(Location.time_zone, Organisation.default_time_zone)
            .select_from(Person)
            .join(Organisation, Organisation.id == Person.organisation_id)
            .outerjoin(Location, Location.id == Person.home_location_id)
            .where(Person.id == subject.person_id)
        )
    ).one()
    return str(row[0] or row[1])


def _read(
    recipient: Recipient, stored: NotificationPreference | None, zone: str
) -> NotificationPreferences:
    available = _available(recipient)
    narrowed = None if recipient.person_id is not None else available
    effective = resolve(recipient.id, stored, zone, allowed=narrowed)
    customised = set((stored.channels or {}) if stored else {})
    return NotificationPreferences(
        person_id=recipient.person_id,
        channels={k: _ordered(v) for k, v in effective.channels.items()},
        default_channels={k: _ordered(v & available) for k, v in DEFAULT_CHANNELS.items()},
        available_channels=_ordered(available),
        customised_kinds=[k for k in effective.channels if k.value in customised],
        time_zone=effective.time_zone,
        time_zone_choice=stored.time_zone if stored else None,
        quiet_hours_start=effective.quiet_hours_start,
        quiet_hours_end=effective.quiet_hours_end,
        reminder_offsets_minutes=list(effective.reminder_offsets_minutes),
    )


async def _stored(
    session: AsyncSession, recipient: Recipient, *, lock: bool = False
) -> NotificationPreference | None:
    stmt = select(NotificationPreference).where(recipient.matches(NotificationPreference))
    if lock:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def get_own(session: AsyncSession, subject: Subject) -> NotificationPreferences:
    recipient = own_recipient(subject)
    stored = await _stored(session, recipient)
    return _read(recipient, stored, await _fallback_zone(session, subject))


async def replace_own(
    session: AsyncSession, subject: Subject, data: NotificationPreferencesUpdate
) -> NotificationPreferences:
    """Store the whole choice (kinds left out fall back to the defaults)."""
    recipient = own_recipient(subject)
    available = _available(recipient)
    for kind, chosen in data.channels.items():
        unreachable = [c.value for c in chosen if c not in available]
        if unreachable:
            raise field_error(
                f"body.channels.{kind.value}",
                f"{', '.join(unreachable)} cannot reach you: without a staff profile you are "
                "notified in-app and by email (your sign-in address).",
                code="channel_unavailable",
            )
    stored = await _stored(session, recipient, lock=True)
    before = audit.snapshot(stored) if stored is not None else None
    if stored is None:
        stored = NotificationPreference(
            id=uuid.uuid4(), organisation_id=subject.organisation_id, **recipient.columns
        )
        session.add(stored)
    stored.channels = {k.value: [c.value for c in v] for k, v in data.channels.items()}
    stored.time_zone = data.time_zone
    stored.quiet_hours_start = data.quiet_hours_start
    stored.quiet_hours_end = data.quiet_hours_end
    stored.reminder_offsets_minutes = list(data.reminder_offsets_minutes)
    await session.flush()
    await audit.record(
        session,
        subject,
        "notification_preferences.replaced",
        stored,
        before=before,
        after=audit.snapshot(stored),
    )
    return _read(recipient, stored, await _fallback_zone(session, subject))
