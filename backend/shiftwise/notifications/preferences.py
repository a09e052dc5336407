"""Notification preferences: the kinds of message, the channels, and their defaults.

A recipient (a person, or a login without a person profile) with no stored row gets
the defaults; a stored row overrides only the kinds it names. Quiet hours are local
wall times in the recipient's zone and may wrap midnight; a message due inside them
waits until they end (`quiet_until`).
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import Location, NotificationPreference, Organisation, Person, User


class Channel(enum.StrEnum):
    in_app = "in_app"
    email = "email"
    sms = "sms"
    teams = "teams"


class MessageKind(enum.StrEnum):
    """What a message is about; preferences are set per kind and channel."""

    assigned = "assigned"  # you were given a shift
    changed = "changed"  # a shift of yours moved or changed
    cancelled = "cancelled"  # a shift of yours was cancelled or you were taken off it
    published = "published"  # your schedule for a period is out
    open_shift = "open_shift"  # an open shift you qualify for
    request_decided = "request_decided"  # your swap / offer / drop was decided
    request_received = "request_received"  # a colleague asks you (swap, offer)
    time_off_decided = "time_off_decided"
    reminder = "reminder"  # your shift starts soon
    unfilled_shift = "unfilled_shift"  # coordinators: a shift still has open seats
    request_waiting = "request_waiting"  # coordinators: a request waits too long


# In-app always; email for what changes your week; SMS only for what is urgent.
DEFAULT_CHANNELS: Mapping[MessageKind, frozenset[Channel]] = {
    MessageKind.assigned: frozenset({Channel.in_app, Channel.email}),
    MessageKind.changed: frozenset({Channel.in_app, Channel.email}),
    MessageKind.cancelled: frozenset({Channel.in_app, Channel.email, Channel.sms}),
    MessageKind.published: frozenset({Channel.in_app, Channel.email}),
    MessageKind.open_shift: frozenset({Channel.in_app}),
    MessageKind.request_decided: frozenset({Channel.in_app, Channel.email}),
    MessageKind.request_received: frozenset({Channel.in_app, Channel.email}),
    MessageKind.time_off_decided: frozenset({Channel.in_app, Channel.email}),
    MessageKind.reminder: frozenset({Channel.in_app, Channel.sms}),
    MessageKind.unfilled_shift: frozenset({Channel.in_app, Channel.email}),
    MessageKind.request_waiting: frozenset({Channel.in_app, Channel.email}),
}
DEFAULT_REMINDER_OFFSETS_MINUTES: tuple[int, ...] = (1440, 120)
# A login without a person profile has only its login email: in-app and email.
USER_CHANNELS = frozenset({Channel.in_app, Channel.email})


@dataclass(frozen=True)
class ResolvedPreferences:
    """One recipient's effective preferences: stored choices over the defaults."""

    recipient_id: uuid.UUID  # the person's id, or the user's for a login without one
    time_zone: str
    channels: Mapping[MessageKind, frozenset[Channel]] = field(
        default_factory=lambda: dict(DEFAULT_CHANNELS)
    )
    quiet_hours_start: time | None = None
    quiet_hours_end: time | None = None
    reminder_offsets_minutes: tuple[int, ...] = DEFAULT_REMINDER_OFFSETS_MINUTES

    def wants(self, kind: MessageKind, channel: Channel) -> bool:
        return channel in self.channels.get(kind, frozenset())

    def quiet_until(self, now: datetime) -> datetime | None:
        """The UTC instant quiet hours end if `now` falls inside them, else None."""
        start, end = self.quiet_hours_start, self.quiet_hours_end
        if start is None or end is None or start == end:
            return None
        zone = ZoneInfo(self.time_zone)
        local = now.astimezone(zone)
        wall = local.time().replace(tzinfo=None)
        if start < end:
            inside = start <= wall < end
            end_day = local.date()
        else:  # wraps midnight: 22:00–07:00
            inside = wall >= start or wall < end
            end_day = local.date() + timedelta(days=1) if wall >= start else local.date()
        if not inside:
            return None
        return _first_instant_at(end_day, end, zone, after=now)


def _first_instant_at(day: date, wall: time, zone: ZoneInfo, *, after: datetime) -> datetime | None:
    """The first UTC instant after `after` whose wall clock in `zone` reads `wall` on `day`.

    A wall time repeated when clocks go back is tried in order (the second reading counts
    once the first has passed); one skipped when clocks go forward ends at the jump.
    """
    local = datetime.combine(day, wall, tzinfo=zone)
    first = local.replace(fold=0).astimezone(UTC)
    second = local.replace(fold=1).astimezone(UTC)
    if first > second:  # inside a gap: fold=0 lands after the jump, fold=1 before it
        return _jump_between(second, first, zone)
    for candidate in (first, second):
        if candidate > after:
            return candidate
    return None


def _jump_between(lo: datetime, hi: datetime, zone: ZoneInfo) -> datetime:
    """The instant the zone's offset changes between `lo` and `hi` (to the second)."""
    before = lo.astimezone(zone).utcoffset()
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(zone).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi.replace(microsecond=0)


def resolve(
    recipient_id: uuid.UUID,
    row: NotificationPreference | None,
    default_zone: str,
    *,
    allowed: frozenset[Channel] | None = None,
) -> ResolvedPreferences:
    """Stored choices over the defaults; `allowed` narrows every kind's channels."""
    if row is None:
        if allowed is None:
            return ResolvedPreferences(recipient_id=recipient_id, time_zone=default_zone)
        return ResolvedPreferences(
            recipient_id=recipient_id,
            time_zone=default_zone,
            channels={k: v & allowed for k, v in DEFAULT_CHANNELS.items()},
        )
    channels = dict(DEFAULT_CHANNELS)
    for kind_name, chosen in (row.channels or {}).items():
        try:
            kind = MessageKind(kind_name)
        except ValueError:
            continue  # a kind retired since the row was saved
        channels[kind] = frozenset(Channel(c) for c in chosen if c in Channel.__members__)
    if allowed is not None:
        channels = {k: v & allowed for k, v in channels.items()}
    offsets: Sequence[int] = row.reminder_offsets_minutes
    return ResolvedPreferences(
        recipient_id=recipient_id,
        time_zone=row.time_zone or default_zone,
        channels=channels,
        quiet_hours_start=row.quiet_hours_start,
        quiet_hours_end=row.quiet_hours_end,
        reminder_offsets_minutes=tuple(offsets),
    )


async def load_preferences(
    session: AsyncSession, person_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, ResolvedPreferences]:
    """Effective preferences for these people, in two queries whatever their number.

    A person's zone: their stored choice, else their home location's, else the
    organisation's default.
    """
    ids = list(set(person_ids))
    if not ids:
        return {}
    rows = await session.execute(
        select(Person.id, Location.time_zone, Organisation.default_time_zone)
        .join(Organisation, Organisation.id == Person.organisation_id)
        .outerjoin(Location, Location.id == Person.home_location_id)
        .where(Person.id.in_(ids))
    )
    zones = {pid: loc_zone or org_zone for pid, loc_zone, org_zone in rows}
    stored = {
        p.person_id: p
        for p in await session.scalars(
            select(NotificationPreference).where(NotificationPreference.person_id.in_(ids))
        )
    }
    return {pid: resolve(pid, stored.get(pid), zone) for pid, zone in zones.items()}


async def load_user_preferences(
    session: AsyncSession, user_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, ResolvedPreferences]:
    """Effective preferences of logins without a person profile: their stored row (or
    the defaults) narrowed to USER_CHANNELS, in the organisation's zone unless chosen."""
    ids = list(set(user_ids))
    if not ids:
        return {}
    rows = await session.execute(
        select(User.id, Organisation.default_time_zone)
        .join(Organisation, Organisation.id == User.organisation_id)
        .where(User.id.in_(ids))
    )
    zones: dict[uuid.UUID, str] = {row[0]: row[1] for row in rows}
    stored = {
        p.user_id: p
        for p in await session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id.in_(ids))
        )
    }
    return {
        uid: resolve(uid, stored.get(uid), zone, allowed=USER_CHANNELS)
        for uid, zone in zones.items()
    }
