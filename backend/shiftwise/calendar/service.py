"""Calendar-feed tokens and the feed itself.

A token is 256 random bits (URL-safe). Only its SHA-256 is used to find the person,
so the lookup compares digests, never the secret; an encrypted copy lets the person
see their current URL again. Resetting replaces the token, killing the old URL.
"""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.auth.subject import Subject
from shiftwise.auth.tokens import digest
from shiftwise.calendar import ics
from shiftwise.calendar.schemas import CalendarFeed
from shiftwise.config import Settings
from shiftwise.errors import Forbidden, NotFound
from shiftwise.kit.crypto import cipher
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    Assignment,
    AssignmentState,
    CalendarFeedToken,
    Location,
    Person,
    Shift,
    ShiftState,
    Skill,
)

TOKEN_BYTES = 32
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
UID_DOMAIN = "shiftwise"


class FeedNotFound(NotFound):
    """One answer for a malformed, unknown or replaced token: no hint which."""

    def __init__(self) -> None:
        super().__init__("Not found.", code="not_found")


def _aad(person_id: uuid.UUID) -> str:
    return f"calendar_feed_tokens:{person_id}"


def _own_person(subject: Subject) -> uuid.UUID:
    if subject.person_id is None:
        raise Forbidden(
            "Only people with a staff profile have a calendar feed.", code="no_staff_profile"
        )
    return subject.person_id


def _feed(base_url: str, token: str, row: CalendarFeedToken) -> CalendarFeed:
    url = f"{base_url.rstrip('/')}/calendar/{token}.ics"
    webcal = re.sub(r"^https?://", "webcal://", url)
    return CalendarFeed(url=url, webcal_url=webcal, created_at=row.created_at)


async def reset_token(session: AsyncSession, subject: Subject, base_url: str) -> CalendarFeed:
    """Give the caller a new feed token (the old URL stops working at once)."""
    person_id = _own_person(subject)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = await session.get(CalendarFeedToken, person_id, with_for_update=True)
    if row is None:
        row = CalendarFeedToken(person_id=person_id, organisation_id=subject.organisation_id)
        session.add(row)
    row.token_hash = digest(token)
    row.token_ciphertext = cipher().encrypt(token, _aad(person_id))
    row.created_at = utcnow()
    await session.flush()
    return _feed(base_url, token, row)


async def current_feed(session: AsyncSession, subject: Subject, base_url: str) -> CalendarFeed:
    person_id = _own_person(subject)
    row = await session.get(CalendarFeedToken, person_id)
    if row is None:
        raise NotFound(
            "You have no calendar feed yet; create one with POST /me/calendar-token.",
            code="calendar_feed_not_created",
        )
    token = cipher().decrypt(row.token_ciphertext, _aad(person_id))
    return _feed(base_url, token, row)


async def render_feed(session: AsyncSession, settings: Settings, token: str) -> bytes:
    """The person's published shifts from `calendar_past_days` ago on, as iCalendar."""
    if not _TOKEN.fullmatch(token):
        raise FeedNotFound()
    row = await session.scalar(
        select(CalendarFeedToken).where(CalendarFeedToken.token_hash == digest(token))
    )
    person = await session.get(Person, row.person_id) if row is not None else None
    if row is None or person is None or not person.is_active:
        raise FeedNotFound()
    now = utcnow()
    since = now - timedelta(days=settings.calendar_past_days)
    rows = (
        await session.execute(
            select(Assignment, Shift, Location, Skill.name)
            .join(Shift, Shift.id == Assignment.shift_id)
            .join(Location, Location.id == Shift.location_id)
            .outerjoin(Skill, Skill.id == Shift.skill_id)
            .where(
                Assignment.person_id == person.id,
                Assignment.organisation_id == person.organisation_id,
                Shift.ends_at >= since,
                # Once published, always in the feed: withdrawn shifts show as cancelled.
                Shift.published_at.is_not(None),
            )
            .order_by(Shift.starts_at, Assignment.id)
        )
    ).all()
    shifts = [
        ics.FeedShift(
            assignment_id=a.id,
            starts_at=sh.starts_at,
            ends_at=sh.ends_at,
            time_zone=loc.time_zone,
            location_name=loc.name,
            location_address=loc.address,
            skill_name=skill_name,
            notes=sh.notes,
            cancelled=a.state is AssignmentState.cancelled or sh.state is not ShiftState.published,
            modified_at=max(a.updated_at, sh.updated_at),
        )
        for a, sh, loc, skill_name in rows
    ]
    return ics.render(person.display_name, shifts, uid_domain=UID_DOMAIN, now=now)
