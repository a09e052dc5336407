"""Creating login identities: the one place a user's email is encrypted and indexed."""

from __future__ import annotations

import uuid

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.auth.passwords import hash_password, password_problem
from shiftwise.auth.service import user_email_aad
from shiftwise.errors import Conflict, field_error
from shiftwise.kit.crypto import blind_index, cipher, normalise_email
from shiftwise.models import Role, User, location_coordinators


def email_of(user: User) -> str:
    return cipher().decrypt(user.email_ciphertext, user_email_aad(user.id))


async def new_user(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    email: str,
    role: Role,
    *,
    password: str | None,
    location_ids: list[uuid.UUID] | None = None,
    field_prefix: str = "body",
) -> User:
    """Create a user; a password is checked against the password policy when given."""
    normalised = normalise_email(email)
    email_hash = blind_index(normalised)
    if await session.scalar(select(User.id).where(User.email_hash == email_hash)) is not None:
        raise Conflict("A user with this email already exists.", code="duplicate_email")
    if password is not None and (problem := password_problem(password)) is not None:
        raise field_error(f"{field_prefix}.password", problem, code="weak_password")
    user_id = uuid.uuid4()
    user = User(
        id=user_id,
        organisation_id=organisation_id,
        email_ciphertext=cipher().encrypt(normalised, user_email_aad(user_id)),
        email_hash=email_hash,
        password_hash=hash_password(password) if password is not None else None,
        role=role,
    )
    session.add(user)
    await session.flush()
    if location_ids:
        await session.execute(
            insert(location_coordinators),
            [{"location_id": loc, "user_id": user.id} for loc in location_ids],
        )
    return user
