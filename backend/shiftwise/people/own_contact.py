"""Where to reach me: a person sets their own notification email, phone and Teams
webhook (GET/PATCH /me/contact).

The same validation as an admin's edit (people/schemas: E.164 phone, an email address;
people/service: the webhook is https and not an internal address outside development,
the email is not another person's). A changed value clears that channel's failing
state, so delivery tries it afresh; an unchanged one keeps it. The change is audited by
which fields changed, never their values, and nothing here logs a contact detail.

A login without a person profile has no contact of its own to set here: it is reached
at its sign-in address (403 no_staff_profile).
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import EmailStr, Field

from shiftwise.audit import service as audit
from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.auth.subject import Subject
from shiftwise.errors import Forbidden, error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.schemas import ReadSchema, Schema
from shiftwise.models import Person
from shiftwise.people.contact import (
    ContactUnreadable,
    DecryptionError,
    set_email,
    set_phone,
    set_teams_webhook,
    teams_webhook_of,
)
from shiftwise.people.repository import PersonRepository
from shiftwise.people.schemas import Phone, TeamsWebhook
from shiftwise.people.service import (
    check_teams_webhook,
    ensure_email_free,
    readable_contact,
)

# Included by people/endpoints.py's router, whose no_store dependency it shares.
router = APIRouter(tags=["people"])


class ChannelState(ReadSchema):
    failing_since: datetime | None = Field(
        description="When a provider refused this contact for good; null: it is not failing"
    )
    failure: str | None = Field(description="What the provider said, when it is failing")


class OwnContact(ReadSchema):
    """My notification contact details and whether each channel currently works."""

    email: str | None
    phone: str | None
    teams_webhook_set: bool = Field(description="The webhook URL itself is never shown again")
    email_state: ChannelState
    phone_state: ChannelState
    teams_state: ChannelState


class OwnContactUpdate(Schema):
    """Fields left out stay as they are; null removes one."""

    email: EmailStr | None = Field(default=None, description="Where email notifications go")
    phone: Phone | None = None
    teams_webhook_url: TeamsWebhook | None = Field(default=None, description="null removes it")


def _read(person: Person) -> OwnContact:
    contact = readable_contact(person)
    return OwnContact(
        email=contact.email,
        phone=contact.phone,
        teams_webhook_set=person.teams_webhook_ciphertext is not None,
        email_state=ChannelState(
            failing_since=person.email_failing_since, failure=person.email_failure
        ),
        phone_state=ChannelState(
            failing_since=person.phone_failing_since, failure=person.phone_failure
        ),
        teams_state=ChannelState(
            failing_since=person.teams_failing_since, failure=person.teams_failure
        ),
    )


async def _own(repo: PersonRepository, subject: Subject) -> Person:
    if subject.person_id is None:
        raise Forbidden(
            "Only people with a staff profile set contact details here; you are reached "
            "at your sign-in address.",
            code="no_staff_profile",
        )
    return await repo.get_or_404(subject.person_id)


def _current_webhook(person: Person) -> str | None:
    try:
        return teams_webhook_of(person)
    except DecryptionError:
        return None  # unreadable: any value given replaces it


@router.get("/me/contact", response_model=OwnContact, responses=error_responses(401, 403, 409))
async def get_own_contact(subject: CurrentSubject, session: SessionDep) -> OwnContact:
    """Where I am reached: my notification email, phone and Teams webhook (set or not)."""
    repo = PersonRepository(session, subject.organisation_id)
    return _read(await _own(repo, subject))


@router.patch(
    "/me/contact", response_model=OwnContact, responses=error_responses(401, 403, 409, 422)
)
async def update_own_contact(
    body: OwnContactUpdate, subject: CurrentSubject, session: SessionDep
) -> OwnContact:
    """Change where I am reached; a changed contact is tried afresh even if the old one failed."""
    repo = PersonRepository(session, subject.organisation_id)
    person = await _own(repo, subject)
    given = body.model_dump(exclude_unset=True)
    check_teams_webhook(body.teams_webhook_url, "body.teams_webhook_url")
    if body.email is not None:
        await ensure_email_free(repo, body.email, person.id)
    try:
        current = readable_contact(person)
        now_email, now_phone = current.email, current.phone
    except ContactUnreadable:  # whatever is given replaces the unreadable values
        now_email = now_phone = None
    changed: list[str] = []
    if "email" in given and given["email"] != now_email:
        set_email(person, given["email"])
        changed.append("email")
    if "phone" in given and given["phone"] != now_phone:
        set_phone(person, given["phone"])
        changed.append("phone")
    if "teams_webhook_url" in given and given["teams_webhook_url"] != _current_webhook(person):
        set_teams_webhook(person, given["teams_webhook_url"])
        changed.append("teams_webhook_url")
    if changed:
        await session.flush()
        # Which contact fields changed is recorded; their values never are.
        await audit.record(
            session,
            subject,
            "person.contact_changed",
            person,
            before={},
            after={"contact_changed": changed},
        )
    return _read(person)
