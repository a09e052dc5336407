"""Organisation scoping lives here: every repository is bound to one organisation."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from sqlalchemy import ColumnElement, Select, and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from shiftwise.errors import NotFound
from shiftwise.models.shift import MAX_SHIFT_LENGTH


def overlapping(
    starts_at: InstrumentedAttribute[datetime],
    ends_at: InstrumentedAttribute[datetime],
    start: datetime,
    end: datetime | None = None,
) -> ColumnElement[bool]:
    """Shifts (or assignments, which copy their shift's times) that overlap [start, end)
    (or end after `start`, with no `end`).

    `starts_at` is bounded on both sides, as a shift lasts at most MAX_SHIFT_LENGTH:
    with `starts_at < end` alone, an index on (person or location, starts_at) is read
    from the first row ever, and in a database in use for a year a week grid's facts
    read a year of assignments to keep ten weeks of them (bench/generate.history).
    """
    terms = [ends_at > start, starts_at > start - MAX_SHIFT_LENGTH]
    if end is not None:
        terms.append(starts_at < end)
    return and_(*terms)


def overlapping_window(
    starts_at: InstrumentedAttribute[datetime], ends_at: InstrumentedAttribute[datetime]
) -> ColumnElement[bool]:
    """`overlapping` for a statement built once and run many times: the window comes as
    parameters, whose values `window(start, end)` gives."""
    return and_(
        ends_at > bindparam("window_start"),
        starts_at > bindparam("window_floor"),
        starts_at < bindparam("window_end"),
    )


def window(start: datetime, end: datetime) -> dict[str, datetime]:
    """The parameters of `overlapping_window` for [start, end)."""
    return {"window_start": start, "window_floor": start - MAX_SHIFT_LENGTH, "window_end": end}


class _OrgOwned(Protocol):
    id: Any
    organisation_id: Any


M = TypeVar("M", bound=_OrgOwned)


class Repository(Generic[M]):
    model: ClassVar[type[Any]]
    noun: ClassVar[str] = "record"

    def __init__(self, session: AsyncSession, organisation_id: uuid.UUID) -> None:
        self.session = session
        self.organisation_id = organisation_id

    def _org_column(self) -> InstrumentedAttribute[uuid.UUID]:
        column: InstrumentedAttribute[uuid.UUID] = self.model.organisation_id
        return column

    def scoped(self) -> Select[M]:
        return select(self.model).where(self._org_column() == self.organisation_id)

    async def get(self, record_id: uuid.UUID, *, for_update: bool = False) -> M | None:
        stmt = self.scoped().where(self.model.id == record_id)
        if for_update:
            stmt = stmt.with_for_update()
        result: M | None = await self.session.scalar(stmt)
        return result

    async def get_or_404(self, record_id: uuid.UUID, *, for_update: bool = False) -> M:
        found = await self.get(record_id, for_update=for_update)
        if found is None:
            raise NotFound(f"No {self.noun} with id {record_id}.", code=f"{self.noun}_not_found")
        return found

    def add(self, record: M) -> M:
        record.organisation_id = self.organisation_id
        self.session.add(record)
        return record
