"""Which kind of message an event is, and who receives it.

Events naming a person go to that person. Events naming none are addressed by
rule: an open seat (a drop anyone qualified may take) goes to the organisation's
active people holding the shift's skill (any active person of the shift's location
when it needs none), never to the one giving it away; a coordinator notice goes to
the active coordinators of the event's location — and, for routes that say so, to the
organisation's admins when the location has no active coordinator, so the notice is
never told to no one. A login with an active person profile is reached through the
person (once, whatever the route); a login without one is reached as a user (see
recipients.py: email to the login address, and in-app).
"""

from __future__ import annotations

import enum
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import Location, Person, PersonSkill, User, location_coordinators
from shiftwise.models.user import Role
from shiftwise.notifications.preferences import MessageKind
from shiftwise.notifications.recipients import Recipient

log = logging.getLogger(__name__)


class Audience(enum.Enum):
    person = "person"  # the event's person_id
    qualified = "qualified"  # active people qualified for the payload's shift
    coordinators = "coordinators"  # coordinators of the payload's location


@dataclass(frozen=True)
class Route:
    kind: MessageKind
    audience: Audience
    # Coordinator notices: the organisation's admins hear when no coordinator would.
    admins_if_uncoordinated: bool = False


ROUTES: Mapping[str, Route] = {
    "assignment.created": Route(MessageKind.assigned, Audience.person),
    "assignment.cancelled": Route(MessageKind.cancelled, Audience.person),
    "assignment.released": Route(MessageKind.cancelled, Audience.person),
    "shift.cancelled": Route(MessageKind.cancelled, Audience.person),
    "shift.changed": Route(MessageKind.changed, Audience.person),
    "schedule.published": Route(MessageKind.published, Audience.person),
    "shift_request.received": Route(MessageKind.request_received, Audience.person),
    "shift_request.accepted": Route(MessageKind.request_decided, Audience.person),
    "shift_request.approved": Route(MessageKind.request_decided, Audience.person),
    "shift_request.denied": Route(MessageKind.request_decided, Audience.person),
    "shift_request.expired": Route(MessageKind.request_decided, Audience.person),
    "shift_request.cancelled": Route(MessageKind.request_decided, Audience.person),
    "shift_request.drop_available": Route(MessageKind.open_shift, Audience.qualified),
    "shift_request.waiting": Route(
        MessageKind.request_waiting, Audience.coordinators, admins_if_uncoordinated=True
    ),
    "time_off.decided": Route(MessageKind.time_off_decided, Audience.person),
    # A seat freed (by approved time off) or filled by a claim: the location's coordinators.
    "shift.open": Route(
        MessageKind.unfilled_shift, Audience.coordinators, admins_if_uncoordinated=True
    ),
    "shift.claimed": Route(MessageKind.unfilled_shift, Audience.coordinators),
    # Topics for the periodic jobs (reminders, unfilled seats, stale requests, open seats).
    "shift.reminder": Route(MessageKind.reminder, Audience.person),
    "shift.unfilled": Route(
        MessageKind.unfilled_shift, Audience.coordinators, admins_if_uncoordinated=True
    ),
    "request.waiting": Route(
        MessageKind.request_waiting, Audience.coordinators, admins_if_uncoordinated=True
    ),
    "open_shift.available": Route(MessageKind.open_shift, Audience.qualified),
}
# Recorded for other consumers, told to no one: the person did it themselves.
SILENT = frozenset({"time_off.requested", "time_off.cancelled"})


async def recipients(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    route: Route,
    person_id: uuid.UUID | None,
    payload: Mapping[str, Any],
) -> list[Recipient]:
    """The active recipients of this organisation who receive the event, in a stable
    order: people first, then logins without a person profile."""
    if route.audience is Audience.coordinators:
        return await coordinator_recipients(
            session,
            organisation_id,
            _uuid(payload, "location_id"),
            admins_if_none=route.admins_if_uncoordinated,
        )
    if route.audience is Audience.person:
        found = [person_id] if person_id is not None else []
    else:
        found = await qualified_people(session, organisation_id, payload)
    return [Recipient.person(p) for p in await _active_people(session, organisation_id, found)]


async def _active_people(
    session: AsyncSession, organisation_id: uuid.UUID, found: list[uuid.UUID]
) -> list[uuid.UUID]:
    if not found:
        return []
    active = await session.scalars(
        select(Person.id).where(
            Person.id.in_(found),
            Person.organisation_id == organisation_id,
            Person.is_active.is_(True),
        )
    )
    keep = set(active)
    return sorted((p for p in set(found) if p in keep), key=str)


async def coordinator_recipients(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    location_id: uuid.UUID | None,
    *,
    admins_if_none: bool = False,
) -> list[Recipient]:
    """The location's active coordinators — through their active person profile when
    they have one, else as themselves — or, when there is none and the route says so,
    the organisation's active admins the same way."""
    if location_id is None:
        return []
    users = list(
        await session.scalars(
            select(User.id)
            .join(location_coordinators, location_coordinators.c.user_id == User.id)
            .where(
                location_coordinators.c.location_id == location_id,
                User.organisation_id == organisation_id,
                User.role == Role.coordinator,
                User.is_active.is_(True),
            )
        )
    )
    if not users and admins_if_none:
        users = list(
            await session.scalars(
                select(User.id).where(
                    User.organisation_id == organisation_id,
                    User.role == Role.admin,
                    User.is_active.is_(True),
                )
            )
        )
        if users:
            log.info("location %s has no active coordinator: its admins are told", location_id)
    return await users_as_recipients(session, organisation_id, users)


async def users_as_recipients(
    session: AsyncSession, organisation_id: uuid.UUID, user_ids: list[uuid.UUID]
) -> list[Recipient]:
    """Each login once: through its active person profile, else as the login itself."""
    if not user_ids:
        return []
    rows = await session.execute(
        select(Person.user_id, Person.id).where(
            Person.user_id.in_(user_ids),
            Person.organisation_id == organisation_id,
            Person.is_active.is_(True),
        )
    )
    profiles = {row[0]: row[1] for row in rows}
    found = {
        Recipient.person(profiles[u]) if u in profiles else Recipient.user(u) for u in user_ids
    }
    return sorted(found, key=Recipient.sort_key)


async def qualified_people(
    session: AsyncSession, organisation_id: uuid.UUID, payload: Mapping[str, Any]
) -> list[uuid.UUID]:
    location_id = _uuid(payload, "location_id")
    skill_id = _uuid(payload, "skill_id")
    giver = _uuid(payload, "requester_person_id")
    if skill_id is not None:
        day = None
        starts = payload.get("starts_at")
        if isinstance(starts, str) and location_id is not None:
            zone = await session.scalar(
                select(Location.time_zone).where(Location.id == location_id)
            )
            if zone:
                day = datetime.fromisoformat(starts).astimezone(ZoneInfo(zone)).date()
        stmt = (
            select(Person.id)
            .join(PersonSkill, PersonSkill.person_id == Person.id)
            .where(Person.organisation_id == organisation_id, PersonSkill.skill_id == skill_id)
        )
        if day is not None:
            stmt = stmt.where(
                or_(PersonSkill.expires_date.is_(None), PersonSkill.expires_date >= day)
            )
    elif location_id is not None:
        stmt = select(Person.id).where(
            Person.organisation_id == organisation_id, Person.home_location_id == location_id
        )
    else:
        return []
    return [p for p in await session.scalars(stmt) if p != giver]


def _uuid(payload: Mapping[str, Any], name: str) -> uuid.UUID | None:
    value = payload.get(name)
    if not value:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
