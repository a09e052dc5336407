"""Reading and replacing one's own notification preferences."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.models import Location, NotificationPreference, Organisation, Person
from shiftwise.notifications.inbox_service import own_person
from shiftwise.notifications.preference_schemas import (
    NotificationPreferences,
    NotificationPreferencesUpdate,
)
from shiftwise.notifications.preferences import DEFAULT_CHANNELS, Channel, resolve


def _ordered(channels: frozenset[Channel]) -> list[Channel]:
    return [c for c in Channel if c in channels]


async def _fallback_zone(session: AsyncSession, person_id: uuid.UUID) -> str:
    """The home location's zone, else the organisation's."""
    row = (
        await session.execute(
            select(Location.time_zone, Organisation.default_time_zone)
            .select_from(Person)
            .join(Organisation, Organisation.id == Person.organisation_id)
            .outerjoin(Location, Location.id == Person.home_location_id)
            .where(Person.id == person_id)
        )
    ).one()
    return str(row[0] or row[1])


def _read(
    person_id: uuid.UUID, stored: NotificationPreference | None, zone: str
) -> NotificationPreferences:
    effective = resolve(person_id, stored, zone)
    customised = set((stored.channels or {}) if stored else {})
    return NotificationPreferences(
        person_id=person_id,
        channels={k: _ordered(v) for k, v in effective.channels.items()},
        default_channels={k: _ordered(v) for k, v in DEFAULT_CHANNELS.items()},
        customised_kinds=[k for k in effective.channels if k.value in customised],
        time_zone=effective.time_zone,
        time_zone_choice=stored.time_zone if stored else None,
        quiet_hours_start=effective.quiet_hours_start,
        quiet_hours_end=effective.quiet_hours_end,
        reminder_offsets_minutes=list(effective.reminder_offsets_minutes),
    )


async def get_own(session: AsyncSession, subject: Subject) -> NotificationPreferences:
    person_id = own_person(subject)
    stored = await session.scalar(
        select(NotificationPreference).where(NotificationPreference.person_id == person_id)
    )
    return _read(person_id, stored, await _fallback_zone(session, person_id))


async def replace_own(
    session: AsyncSession, subject: Subject, data: NotificationPreferencesUpdate
) -> NotificationPreferences:
    """Store the whole choice (kinds left out fall back to the defaults)."""
    person_id = own_person(subject)
    stored = await session.scalar(
        select(NotificationPreference)
        .where(NotificationPreference.person_id == person_id)
        .with_for_update()
    )
    before = audit.snapshot(stored) if stored is not None else None
    if stored is None:
        stored = NotificationPreference(
            person_id=person_id, organisation_id=subject.organisation_id
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
    return _read(person_id, stored, await _fallback_zone(session, person_id))
