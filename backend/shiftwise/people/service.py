"""People: profiles, who may see their contact details and pay, their skills."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz import policies
from shiftwise.config import get_settings
from shiftwise.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable, field_error
from shiftwise.kit.crypto import blind_index, normalise_email
from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.schemas import Page
from shiftwise.models import Person
from shiftwise.organisation.service import local_today
from shiftwise.people import schemas
from shiftwise.people.contact import (
    Contact,
    ContactUnreadable,
    DecryptionError,
    decrypt_contact,
    encrypt_contact,
    set_email,
    set_phone,
    set_teams_webhook,
)
from shiftwise.people.repository import PersonRepository
from shiftwise.people.webhook import WebhookRefused, check_webhook_url
from shiftwise.users import service as users

log = structlog.get_logger(__name__)

# Plain profile fields a PATCH copies onto the row as given.
_PLAIN_FIELDS = (
    "display_name",
    "employment_type",
    "hourly_rate",
    "contracted_hours_per_week",
    "max_hours_per_week",
    "home_location_id",
    "payroll_id",
    "directory_id",
)


def readable_contact(person: Person) -> Contact:
    try:
        return decrypt_contact(person)
    except DecryptionError as exc:
        log.warning("contact_unreadable", person_id=str(person.id))
        raise ContactUnreadable("person", person.id, person.display_name) from exc


def _can_see_pay(subject: Subject, person_id: uuid.UUID) -> bool:
    """Hourly rate and payroll id: everyone but staff, who see only their own."""
    return not subject.is_staff or subject.person_id == person_id


def _can_manage_skills(subject: Subject, person: Person) -> bool:
    return subject.is_admin or (
        person.home_location_id is not None
        and policies.can_manage_location(subject, person.home_location_id)
    )


async def to_read(
    repo: PersonRepository, subject: Subject, people: list[Person]
) -> list[schemas.Person]:
    held = await repo.holdings([p.id for p in people])
    return [_read(subject, p, held.get(p.id, [])) for p in people]


def _read(subject: Subject, p: Person, held: list[Any]) -> schemas.Person:
    contact_visible = policies.can_see_contact(subject, p.id, p.home_location_id)
    contact = readable_contact(p) if contact_visible else Contact(email=None, phone=None)
    pay_visible = _can_see_pay(subject, p.id)
    return schemas.Person(
        id=p.id,
        display_name=p.display_name,
        email=contact.email,
        phone=contact.phone,
        contact_visible=contact_visible,
        teams_webhook_set=(p.teams_webhook_ciphertext is not None) if contact_visible else None,
        employment_type=p.employment_type,
        hourly_rate=p.hourly_rate if pay_visible else None,
        pay_visible=pay_visible,
        contracted_hours_per_week=p.contracted_hours_per_week,
        max_hours_per_week=p.max_hours_per_week,
        skills=[schemas.HeldSkill(skill_id=s, name=n, expires_date=e) for s, n, e in held],
        home_location_id=p.home_location_id,
        payroll_id=p.payroll_id if pay_visible else None,
        directory_id=p.directory_id,
        user_id=p.user_id,
        is_active=p.is_active,
        inactive_since_date=p.inactive_since_date,
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


async def _audit_view(repo: PersonRepository, person: Person) -> dict[str, Any]:
    """The row (ciphertexts and hashes left out) plus the skills held."""
    held = (await repo.holdings([person.id])).get(person.id, [])
    row = audit.snapshot(person)
    row.pop("teams_webhook_ciphertext", None)  # a secret, like the contact ciphertexts
    return row | {"skills": _skills_view(held)}


def check_teams_webhook(url: str | None, field: str) -> None:
    """https and no internal address (development mode allows local fakes)."""
    if url is None:
        return
    try:
        check_webhook_url(url, development=get_settings().environment == "development")
    except WebhookRefused as exc:
        raise field_error(field, f"The Teams webhook URL {exc}.", code="webhook_refused") from exc


def _skills_view(held: list[Any]) -> list[dict[str, Any]]:
    return [
        {"skill_id": str(s[0]), "expires_date": s[-1].isoformat() if s[-1] else None} for s in held
    ]


async def _check_references(
    repo: PersonRepository,
    home_location_id: uuid.UUID | None,
    holdings: list[schemas.SkillHolding],
    skills_field: str,
) -> None:
    """Locations and skills named in the body must be this organisation's (422 otherwise)."""
    problems: list[FieldError] = []
    if home_location_id is not None and not await repo.own_location_ids([home_location_id]):
        problems.append(
            FieldError(
                field="body.home_location_id",
                message=f"{home_location_id} is not a location of this organisation",
            )
        )
    own = await repo.own_skill_ids([h.skill_id for h in holdings])
    seen: set[uuid.UUID] = set()
    for i, h in enumerate(holdings):
        if h.skill_id not in own:
            message = f"{h.skill_id} is not a skill of this organisation"
        elif h.skill_id in seen:
            message = f"{h.skill_id} is listed twice"
        else:
            seen.add(h.skill_id)
            continue
        problems.append(FieldError(field=f"{skills_field}.{i}.skill_id", message=message))
    if problems:
        raise Unprocessable(
            "Some referenced records are not valid: " + ", ".join(p.field for p in problems),
            fields=problems,
        )


def _check_hours(contracted: Decimal | None, maximum: Decimal | None) -> None:
    if contracted is not None and maximum is not None and maximum < contracted:
        raise Unprocessable(
            "The maximum hours per week may not be below the contracted hours.",
            fields=[
                FieldError(
                    field="body.max_hours_per_week",
                    message="must be at least contracted_hours_per_week",
                )
            ],
        )


async def ensure_email_free(
    repo: PersonRepository, email: str, except_id: uuid.UUID | None
) -> None:
    existing = await repo.with_email_hash(blind_index(normalise_email(email)))
    if existing is not None and existing.id != except_id:
        raise Conflict(
            "Another person of this organisation already has this email.",
            code="duplicate_email",
            fields=[FieldError(field="body.email", message="already used by another person")],
        )


async def list_people(
    session: AsyncSession,
    subject: Subject,
    page: PageParams,
    *,
    location_id: uuid.UUID | None,
    skill_id: uuid.UUID | None,
    active: bool | None,
    q: str | None,
) -> Page[schemas.Person]:
    repo = PersonRepository(session, subject.organisation_id)
    stmt = repo.search(location_id=location_id, skill_id=skill_id, active=active, q=q)
    rows, next_offset = await paginate(session, stmt, page)
    return Page(items=await to_read(repo, subject, rows), next_offset=next_offset)


async def get(session: AsyncSession, subject: Subject, person_id: uuid.UUID) -> schemas.Person:
    repo = PersonRepository(session, subject.organisation_id)
    return (await to_read(repo, subject, [await repo.get_or_404(person_id)]))[0]


async def create(
    session: AsyncSession, subject: Subject, data: schemas.PersonCreate
) -> schemas.Person:
    repo = PersonRepository(session, subject.organisation_id)
    await _check_references(repo, data.home_location_id, data.skills, "body.skills")
    _check_hours(data.contracted_hours_per_week, data.max_hours_per_week)
    check_teams_webhook(data.teams_webhook_url, "body.teams_webhook_url")
    if data.email is not None:
        await ensure_email_free(repo, data.email, None)
    person = Person(id=uuid.uuid4(), is_active=True)
    for name in _PLAIN_FIELDS:
        setattr(person, name, getattr(data, name))
    encrypt_contact(person, email=data.email, phone=data.phone)
    set_teams_webhook(person, data.teams_webhook_url)
    repo.add(person)
    await session.flush()
    await repo.replace_holdings(person.id, [(h.skill_id, h.expires_date) for h in data.skills])
    after = await _audit_view(repo, person)
    await audit.record(session, subject, "person.created", person, after=after)
    return (await to_read(repo, subject, [person]))[0]


async def update(
    session: AsyncSession, subject: Subject, person_id: uuid.UUID, data: schemas.PersonUpdate
) -> schemas.Person:
    repo = PersonRepository(session, subject.organisation_id)
    person = await repo.get_or_404(person_id)
    before = await _audit_view(repo, person)
    changes = data.model_dump(exclude_unset=True)
    await _check_references(repo, changes.get("home_location_id"), [], "body.skills")
    _check_hours(
        changes.get("contracted_hours_per_week", person.contracted_hours_per_week),
        changes.get("max_hours_per_week", person.max_hours_per_week),
    )
    contact_changed = [f for f in ("email", "phone", "teams_webhook_url") if f in changes]
    check_teams_webhook(data.teams_webhook_url, "body.teams_webhook_url")
    if data.email is not None:
        await ensure_email_free(repo, data.email, person.id)
    if "email" in changes:
        set_email(person, data.email)
    if "phone" in changes:
        set_phone(person, data.phone)
    if "teams_webhook_url" in changes:
        set_teams_webhook(person, data.teams_webhook_url)
    for name in _PLAIN_FIELDS:
        if name in changes:
            setattr(person, name, changes[name])
    if "is_active" in changes and changes["is_active"] != person.is_active:
        await _set_active(session, subject, repo, person, changes["is_active"])
    await session.flush()
    # Which contact fields changed is recorded; their values never are.
    after = await _audit_view(repo, person) | (
        {"contact_changed": contact_changed} if contact_changed else {}
    )
    await audit.record(session, subject, "person.updated", person, before=before, after=after)
    return (await to_read(repo, subject, [person]))[0]


async def _set_active(
    session: AsyncSession, subject: Subject, repo: PersonRepository, person: Person, active: bool
) -> None:
    """Deactivating also disables the linked login and ends its sessions."""
    if active:
        person.is_active, person.inactive_since_date = True, None
        return
    user = await repo.linked_user(person)
    if user is not None and user.is_active:
        await users.disable(session, subject, user, reason="person deactivated")
    person.is_active = False
    person.inactive_since_date = await local_today(session, subject.organisation_id)


async def set_skills(
    session: AsyncSession,
    subject: Subject,
    person_id: uuid.UUID,
    holdings: list[schemas.SkillHolding],
) -> schemas.Person:
    repo = PersonRepository(session, subject.organisation_id)
    person = await repo.get_or_404(person_id)
    if not _can_manage_skills(subject, person):
        raise Forbidden(
            "Only an administrator or a coordinator of this person's home location "
            "may change their skills."
        )
    await _check_references(repo, None, holdings, "body")
    before = _skills_view((await repo.holdings([person.id])).get(person.id, []))
    await repo.replace_holdings(person.id, [(h.skill_id, h.expires_date) for h in holdings])
    after = _skills_view((await repo.holdings([person.id])).get(person.id, []))
    await audit.record(
        session,
        subject,
        "person.skills_replaced",
        person,
        before={"skills": before},
        after={"skills": after},
    )
    return (await to_read(repo, subject, [person]))[0]


async def lookup(session: AsyncSession, subject: Subject, email: str) -> schemas.Person:
    """Exact email match by blind index; only people whose contact the caller may see."""
    repo = PersonRepository(session, subject.organisation_id)
    person = await repo.with_email_hash(blind_index(normalise_email(email)))
    # Answering for a person whose contact is hidden would confirm their email.
    if person is None or not policies.can_see_contact(subject, person.id, person.home_location_id):
        raise NotFound("No person you may see has this email.", code="person_not_found")
    return (await to_read(repo, subject, [person]))[0]
