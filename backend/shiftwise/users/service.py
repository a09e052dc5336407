"""Login identities: creating, changing role or coordinated locations, disabling."""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.service import revoke_all_sessions
from shiftwise.auth.subject import Subject
from shiftwise.errors import Conflict, FieldError, Unprocessable, field_error
from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.schemas import Page
from shiftwise.models import Role, User
from shiftwise.people.contact import ContactUnreadable, DecryptionError
from shiftwise.users import schemas
from shiftwise.users.accounts import email_of, new_user
from shiftwise.users.repository import UserRepository

log = structlog.get_logger(__name__)


def _email(user: User) -> str:
    try:
        return email_of(user)
    except DecryptionError as exc:
        log.warning("contact_unreadable", user_id=str(user.id))
        raise ContactUnreadable("user", user.id, str(user.id)) from exc


async def to_read(repo: UserRepository, users: list[User]) -> list[schemas.User]:
    ids = [u.id for u in users]
    people, locations = await repo.people_of(ids), await repo.locations_of(ids)
    return [
        schemas.User(
            id=u.id,
            email=_email(u),
            role=u.role,
            is_active=u.is_active,
            has_password=u.password_hash is not None,
            single_sign_on=u.external_subject is not None,
            person_id=people.get(u.id),
            location_ids=sorted(locations.get(u.id, []), key=str),
            last_login_at=u.last_login_at,
            created_at=u.created_at,
            updated_at=u.updated_at,
        )
        for u in users
    ]


async def _audit_view(repo: UserRepository, user: User) -> dict[str, Any]:
    """The row (email ciphertext, hashes left out by snapshot) plus links."""
    people, locations = await repo.people_of([user.id]), await repo.locations_of([user.id])
    person_id = people.get(user.id)
    return audit.snapshot(user) | {
        "person_id": str(person_id) if person_id else None,
        "location_ids": sorted(str(loc) for loc in locations.get(user.id, [])),
    }


async def _check_locations(repo: UserRepository, role: Role, location_ids: list[uuid.UUID]) -> None:
    if location_ids and role is not Role.coordinator:
        raise field_error("body.location_ids", "Only coordinators run locations.")
    own = await repo.own_location_ids(location_ids)
    problems = [
        FieldError(
            field=f"body.location_ids.{i}", message=f"{loc} is not a location of this organisation"
        )
        for i, loc in enumerate(location_ids)
        if loc not in own
    ]
    if problems:
        raise Unprocessable("Some locations are not this organisation's.", fields=problems)


async def _ensure_admin_remains(repo: UserRepository, user: User) -> None:
    if await repo.other_active_admins(user.id) == 0:
        raise Conflict(
            "This is the organisation's last active administrator; make another user an "
            "administrator first.",
            code="last_admin",
        )


async def list_users(
    session: AsyncSession,
    subject: Subject,
    page: PageParams,
    *,
    role: Role | None,
    active: bool | None,
) -> Page[schemas.User]:
    repo = UserRepository(session, subject.organisation_id)
    rows, next_offset = await paginate(session, repo.search(role=role, active=active), page)
    return Page(items=await to_read(repo, rows), next_offset=next_offset)


async def get(session: AsyncSession, subject: Subject, user_id: uuid.UUID) -> schemas.User:
    repo = UserRepository(session, subject.organisation_id)
    return (await to_read(repo, [await repo.get_or_404(user_id)]))[0]


async def create(session: AsyncSession, subject: Subject, data: schemas.UserCreate) -> schemas.User:
    repo = UserRepository(session, subject.organisation_id)
    person = await repo.person(data.person_id) if data.person_id is not None else None
    if data.person_id is not None and person is None:
        raise field_error(
            "body.person_id", f"{data.person_id} is not a person of this organisation"
        )
    if person is not None and person.user_id is not None:
        raise Conflict(
            f"{person.display_name} already has a login.",
            code="person_already_linked",
            fields=[FieldError(field="body.person_id", message="already linked to a user")],
        )
    location_ids = list(dict.fromkeys(data.location_ids))
    await _check_locations(repo, data.role, location_ids)
    user = await new_user(
        session,
        subject.organisation_id,
        data.email,
        data.role,
        password=data.password,
        location_ids=location_ids,
    )
    if person is not None:
        person.user_id = user.id
        await session.flush()
    after = await _audit_view(repo, user)
    await audit.record(session, subject, "user.created", user, after=after)
    return (await to_read(repo, [user]))[0]


async def update(
    session: AsyncSession, subject: Subject, user_id: uuid.UUID, data: schemas.UserUpdate
) -> schemas.User:
    repo = UserRepository(session, subject.organisation_id)
    user = await repo.get_or_404(user_id)
    before = await _audit_view(repo, user)
    role: Role = data.role if data.role is not None else user.role
    active = data.is_active if data.is_active is not None else user.is_active
    if user.role is Role.admin and user.is_active and (role is not Role.admin or not active):
        await _ensure_admin_remains(repo, user)
    if data.location_ids is not None:
        location_ids = list(dict.fromkeys(data.location_ids))
        await _check_locations(repo, role, location_ids)
        await repo.set_locations(user.id, location_ids)
    elif role is not Role.coordinator:
        # Only coordinators run locations: a demotion ends their coordination.
        await repo.set_locations(user.id, [])
    if user.is_active and not active:
        await revoke_all_sessions(session, user.id)
    user.role, user.is_active = role, active
    await session.flush()
    after = await _audit_view(repo, user)
    await audit.record(session, subject, "user.updated", user, before=before, after=after)
    return (await to_read(repo, [user]))[0]


async def disable(session: AsyncSession, subject: Subject, user: User, *, reason: str) -> None:
    """Disable a login and end its sessions (used when its person is deactivated)."""
    repo = UserRepository(session, subject.organisation_id)
    before = await _audit_view(repo, user)
    if user.role is Role.admin:
        await _ensure_admin_remains(repo, user)
    user.is_active = False
    await revoke_all_sessions(session, user.id)
    await session.flush()
    after = await _audit_view(repo, user)
    await audit.record(
        session, subject, "user.updated", user, before=before, after=after, reason=reason
    )
