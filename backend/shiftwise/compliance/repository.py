from __future__ import annotations

import uuid

from sqlalchemy import select

from shiftwise.kit.repository import Repository
from shiftwise.models import ComplianceRuleSetting, Location, Person


def scope_key(location_id: uuid.UUID | None = None, person_id: uuid.UUID | None = None) -> str:
    """The row key of a layer (shiftwise.scheduling.facts.load_rule_book reads the same)."""
    if person_id is not None:
        return f"person:{person_id}"
    if location_id is not None:
        return f"location:{location_id}"
    return "organisation"


class ComplianceRepository(Repository[ComplianceRuleSetting]):
    model = ComplianceRuleSetting
    noun = "rule layer"

    async def layer(self, key: str, *, for_update: bool = False) -> ComplianceRuleSetting | None:
        stmt = self.scoped().where(ComplianceRuleSetting.scope_key == key)
        if for_update:
            stmt = stmt.with_for_update()
        result: ComplianceRuleSetting | None = await self.session.scalar(stmt)
        return result

    async def layers(self, keys: list[str]) -> dict[str, ComplianceRuleSetting]:
        rows = await self.session.scalars(
            self.scoped().where(ComplianceRuleSetting.scope_key.in_(keys))
        )
        return {r.scope_key: r for r in rows}

    async def location(self, location_id: uuid.UUID) -> Location | None:
        result: Location | None = await self.session.scalar(
            select(Location).where(
                Location.id == location_id, Location.organisation_id == self.organisation_id
            )
        )
        return result

    async def person(self, person_id: uuid.UUID) -> Person | None:
        result: Person | None = await self.session.scalar(
            select(Person).where(
                Person.id == person_id, Person.organisation_id == self.organisation_id
            )
        )
        return result
