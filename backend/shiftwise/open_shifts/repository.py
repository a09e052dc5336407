from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.auth.subject import Subject
from shiftwise.models import (
    Assignment,
    AssignmentState,
    Location,
    PersonSkill,
    Shift,
    ShiftState,
    Skill,
)


@dataclass(frozen=True)
class OpenSeat:
    shift: Shift
    location_name: str
    time_zone: str
    skill_name: str | None
    assigned: int
    expires_date: date | None  # the caller's expiry of the shift's skill (staff only)

    @property
    def local_date(self) -> date:
        return self.shift.starts_at.astimezone(ZoneInfo(self.time_zone)).date()


class OpenShiftRepository:
    """Organisation-scoped statements about open seats."""

    def __init__(self, session: AsyncSession, organisation_id: uuid.UUID) -> None:
        self.session = session
        self.organisation_id = organisation_id

    async def open_seats(
        self,
        subject: Subject,
        *,
        after: datetime,
        start: datetime,
        end: datetime,
        location_id: uuid.UUID | None,
    ) -> list[OpenSeat]:
        """Published shifts starting in [start, end) and after `after` with a free seat.

        Staff: only shifts needing no skill or one they hold (expiry is the caller's to
        judge in local time), and not ones they are already on. Coordinators: their
        locations; admins: all. One statement.
        """
        assigned = (
            select(func.count())
            .select_from(Assignment)
            .where(Assignment.shift_id == Shift.id, Assignment.state == AssignmentState.assigned)
            .correlate(Shift)
            .scalar_subquery()
        )
        stmt = (
            select(Shift, Location.name, Location.time_zone, Skill.name, assigned)
            .join(Location, Location.id == Shift.location_id)
            .outerjoin(Skill, Skill.id == Shift.skill_id)
            .where(
                Shift.organisation_id == self.organisation_id,
                Shift.state == ShiftState.published,
                Shift.starts_at > after,
                Shift.starts_at >= start,
                Shift.starts_at < end,
                Shift.headcount > assigned,
            )
            .order_by(Shift.starts_at, Shift.id)
        )
        if location_id is not None:
            stmt = stmt.where(Shift.location_id == location_id)
        if subject.is_coordinator:
            stmt = stmt.where(Shift.location_id.in_(subject.location_ids))
        if not subject.is_staff:
            rows = await self.session.execute(stmt)
            return [OpenSeat(s, ln, tz, sk, n, None) for s, ln, tz, sk, n in rows]
        person_id = subject.person_id
        mine = exists().where(
            Assignment.shift_id == Shift.id,
            Assignment.person_id == person_id,
            Assignment.state == AssignmentState.assigned,
        )
        staff_stmt = (
            stmt.add_columns(PersonSkill.expires_date)
            .outerjoin(
                PersonSkill,
                (PersonSkill.skill_id == Shift.skill_id) & (PersonSkill.person_id == person_id),
            )
            .where(or_(Shift.skill_id.is_(None), PersonSkill.person_id.is_not(None)), ~mine)
        )
        rows = await self.session.execute(staff_stmt)
        return [OpenSeat(s, ln, tz, sk, n, exp) for s, ln, tz, sk, n, exp in rows]
