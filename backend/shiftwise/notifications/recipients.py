"""Who a notification is for: a person, or a login (user) without a person profile.

Deliveries, inbox rows and preferences belong to exactly one of the two (a CHECK in
the schema). A login with a linked person is always reached through the person, so
nobody hears twice; a coordinator or admin without a profile is reached as a user.

A user-only recipient has one contact of its own, the login email (stored
encrypted on `users`), so it is reached in-app and by email; SMS and Teams need a
person's contact details (`USER_CHANNELS`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from shiftwise.auth.subject import Subject
from shiftwise.kit.crypto import DecryptionError
from shiftwise.models import Person, User
from shiftwise.notifications.preferences import (
    USER_CHANNELS,
    Channel,
    ResolvedPreferences,
    load_preferences,
    load_user_preferences,
)
from shiftwise.people.contact import decrypt_contact, teams_webhook_of
from shiftwise.users.accounts import email_of

__all__ = ["USER_CHANNELS", "Recipient"]


@dataclass(frozen=True)
class Recipient:
    """Exactly one of `person_id`, `user_id`."""

    person_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        if (self.person_id is None) == (self.user_id is None):
            raise ValueError("a recipient is a person or a user, exactly one")

    @classmethod
    def person(cls, person_id: uuid.UUID) -> Recipient:
        return cls(person_id=person_id)

    @classmethod
    def user(cls, user_id: uuid.UUID) -> Recipient:
        return cls(user_id=user_id)

    @classmethod
    def of(cls, row: Any) -> Recipient:
        """The recipient of a delivery, inbox or preference row."""
        return cls(person_id=row.person_id, user_id=row.user_id)

    @property
    def id(self) -> uuid.UUID:
        """The person's id or the user's (both uuid4: they never collide)."""
        found = self.person_id or self.user_id
        assert found is not None
        return found

    @property
    def key(self) -> str:
        """The recipient's part of a delivery key: a person's id as before, `user:<id>`."""
        return str(self.person_id) if self.person_id else f"user:{self.user_id}"

    @property
    def columns(self) -> dict[str, uuid.UUID | None]:
        return {"person_id": self.person_id, "user_id": self.user_id}

    def matches(self, model: Any) -> ColumnElement[bool]:
        """A WHERE clause selecting this recipient's rows of a notification table."""
        person_col: InstrumentedAttribute[Any] = model.person_id
        user_col: InstrumentedAttribute[Any] = model.user_id
        if self.person_id is not None:
            return person_col == self.person_id
        return and_(person_col.is_(None), user_col == self.user_id)

    def sort_key(self) -> tuple[int, str]:
        return (0 if self.person_id else 1, str(self.id))


def inbox_owner(model: Any, subject: Subject) -> ColumnElement[bool]:
    """Rows addressed to the signed-in login: to its person, or to the login itself
    (a coordinator who had no profile when the row was written keeps seeing it)."""
    by_user = model.user_id == subject.user_id
    if subject.person_id is None:
        return by_user  # type: ignore[no-any-return]
    return or_(model.person_id == subject.person_id, by_user)


def inbox_keys(subject: Subject) -> list[uuid.UUID]:
    """The ids the live hub announces this login's new rows under."""
    return [k for k in (subject.person_id, subject.user_id) if k is not None]


Target = Person | User  # the row a recipient's contact details live on


def display_name(target: Target) -> str:
    if isinstance(target, Person):
        return target.display_name
    try:
        return email_of(target).split("@", 1)[0]
    except DecryptionError:
        return "there"


def contact_problem(target: Target, channel: Channel) -> str | None:
    """Why this recipient cannot be reached on this channel now (None: they can)."""
    if channel is Channel.in_app:
        return None
    if isinstance(target, User):
        if channel is Channel.email:
            return None if target.email_ciphertext else "no email contact on record"
        return f"a login without a person profile has no {channel.value} contact"
    if channel is Channel.email:
        stored, since = target.email_ciphertext, target.email_failing_since
    elif channel is Channel.sms:
        stored, since = target.phone_ciphertext, target.phone_failing_since
    else:
        stored, since = target.teams_webhook_ciphertext, target.teams_failing_since
    if not stored:
        return f"no {channel.value} contact on record"
    if since is not None:
        return f"{channel.value} contact failing since {since.isoformat()}"
    return None


def address_of(target: Target, channel: Channel) -> str:
    """The decrypted address; never log it. Raises DecryptionError when unreadable."""
    if isinstance(target, User):
        assert channel is Channel.email
        return email_of(target)
    if channel is Channel.teams:
        webhook = teams_webhook_of(target)
        assert webhook
        return webhook
    contact = decrypt_contact(target)
    found = contact.email if channel is Channel.email else contact.phone
    assert found
    return found


def mark_failing(target: Target, channel: Channel, reason: str, now: datetime) -> None:
    """Stop trying a refused contact until it changes. A login's email has nowhere to
    keep that state: its deliveries go dead one by one instead."""
    if not isinstance(target, Person):
        return
    reason = reason[:300]
    if channel is Channel.email:
        target.email_failing_since, target.email_failure = now, reason
    elif channel is Channel.sms:
        target.phone_failing_since, target.phone_failure = now, reason
    elif channel is Channel.teams:
        target.teams_failing_since, target.teams_failure = now, reason


@dataclass(frozen=True)
class Reachable:
    """A recipient's contact row and effective preferences."""

    target: Target
    preferences: ResolvedPreferences


async def load_reachable(
    session: AsyncSession, recipients: Iterable[Recipient]
) -> dict[Recipient, Reachable]:
    """Contact rows and preferences for these recipients, in a few queries whatever their
    number; a recipient whose row has gone is left out."""
    wanted = list(recipients)
    person_ids = [r.person_id for r in wanted if r.person_id is not None]
    user_ids = [r.user_id for r in wanted if r.user_id is not None]
    found: dict[Recipient, Reachable] = {}
    if person_ids:
        prefs = await load_preferences(session, person_ids)
        for person in await session.scalars(select(Person).where(Person.id.in_(person_ids))):
            if person.id in prefs:
                found[Recipient.person(person.id)] = Reachable(person, prefs[person.id])
    if user_ids:
        prefs = await load_user_preferences(session, user_ids)
        for user in await session.scalars(select(User).where(User.id.in_(user_ids))):
            if user.id in prefs:
                found[Recipient.user(user.id)] = Reachable(user, prefs[user.id])
    return found


async def load_target(session: AsyncSession, recipient: Recipient, *, lock: bool = False) -> Target:
    if recipient.person_id is not None:
        return await session.get_one(Person, recipient.person_id, with_for_update=lock)
    assert recipient.user_id is not None
    return await session.get_one(User, recipient.user_id, with_for_update=lock)
