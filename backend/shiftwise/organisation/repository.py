from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import Organisation


class OrganisationRepository:
    """The caller's own organisation; it is the scope, so it needs no scoping itself."""

    def __init__(self, session: AsyncSession, organisation_id: uuid.UUID) -> None:
        self.session = session
        self.organisation_id = organisation_id

    async def get(self) -> Organisation:
        return await self.session.get_one(Organisation, self.organisation_id)
