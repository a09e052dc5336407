from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import delete, select

from shiftwise.kit.repository import Repository
from shiftwise.models import AvailabilityException, AvailabilitySlot, Person


class AvailabilityRepository(Repository[AvailabilityException]):
    """Slots and exceptions of one organisation; `model` scopes the exceptions."""

    model = AvailabilityException
    noun = "availability_exception"

    async def person(self, person_id: uuid.UUID, *, for_update: bool = False) -> Person | None:
        """A person of this organisation. Locking their row serialises changes to their
        availability with each other and with assignment checks that read it."""
        stmt = select(Person).where(
            Person.id == person_id, Person.organisation_id == self.organisation_id
        )
        if for_update:
            stmt = stmt.with_for_update()
        found: Person | None = await self.session.scalar(stmt)
        return found

    async def slots(self, person_id: uuid.UUID) -> list[AvailabilitySlot]:
        rows = await self.session.scalars(
            select(AvailabilitySlot)
            .where(
                AvailabilitySlot.organisation_id == self.organisation_id,
                AvailabilitySlot.person_id == person_id,
            )
            .order_by(AvailabilitySlot.weekday, AvailabilitySlot.start_time, AvailabilitySlot.id)
        )
        return list(rows.all())

    async def replace_slots(
        self, person_id: uuid.UUID, slots: list[AvailabilitySlot]
    ) -> list[AvailabilitySlot]:
        await self.session.execute(
            delete(AvailabilitySlot).where(
                AvailabilitySlot.organisation_id == self.organisation_id,
                AvailabilitySlot.person_id == person_id,
            )
        )
        for slot in slots:
            slot.organisation_id = self.organisation_id
            slot.person_id = person_id
            self.session.add(slot)
        await self.session.flush()
        return await self.slots(person_id)

    async def exceptions(
        self, person_id: uuid.UUID, first: date, last: date
    ) -> list[AvailabilityException]:
        """Exceptions dated first..last inclusive, by date and start time."""
        rows = await self.session.scalars(
            self.scoped()
            .where(
                AvailabilityException.person_id == person_id,
                AvailabilityException.exception_date >= first,
                AvailabilityException.exception_date <= last,
            )
            .order_by(
                AvailabilityException.exception_date,
                AvailabilityException.start_time,
                AvailabilityException.id,
            )
        )
        return list(rows.all())

    async def exception_of(
        self, person_id: uuid.UUID, exception_id: uuid.UUID
    ) -> AvailabilityException | None:
        found: AvailabilityException | None = await self.session.scalar(
            self.scoped().where(
                AvailabilityException.id == exception_id,
                AvailabilityException.person_id == person_id,
            )
        )
        return found
