from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import aliased

from shiftwise.auth.subject import Subject
from shiftwise.kit.pagination import PageParams, paginate
from shiftwise.kit.repository import Repository
from shiftwise.models import (
    Assignment,
    Location,
    Person,
    PersonSkill,
    Shift,
    ShiftRequest,
    ShiftRequestKind,
    ShiftRequestState,
)

OPEN_STATES = (ShiftRequestState.pending, ShiftRequestState.accepted)


@dataclass(frozen=True)
class RequestFilters:
    state: ShiftRequestState | None = None
    kind: ShiftRequestKind | None = None
    location_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Side:
    """An assignment a request moves, with its shift and where it is."""

    assignment: Assignment
    shift: Shift
    location_name: str
    time_zone: str
    person_name: str


class ShiftRequestRepository(Repository[ShiftRequest]):
    model = ShiftRequest
    noun = "shift_request"

    async def locked(self, request_id: uuid.UUID) -> ShiftRequest | None:
        """The request, its row locked (PostgreSQL) and re-read: accepting, deciding and
        cancelling one request are serialised and each sees the others' outcome."""
        found: ShiftRequest | None = await self.session.scalar(
            self.scoped()
            .where(ShiftRequest.id == request_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return found

    async def assignment(
        self, assignment_id: uuid.UUID, *, for_update: bool = False
    ) -> Assignment | None:
        stmt = select(Assignment).where(
            Assignment.id == assignment_id, Assignment.organisation_id == self.organisation_id
        )
        if for_update:
            stmt = stmt.with_for_update()
        found: Assignment | None = await self.session.scalar(stmt)
        return found

    async def person(self, person_id: uuid.UUID) -> Person | None:
        found: Person | None = await self.session.scalar(
            select(Person).where(
                Person.id == person_id, Person.organisation_id == self.organisation_id
            )
        )
        return found

    async def names(self, person_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
        if not person_ids:
            return {}
        rows = await self.session.execute(
            select(Person.id, Person.display_name).where(
                Person.organisation_id == self.organisation_id, Person.id.in_(list(person_ids))
            )
        )
        return dict(rows.all())

    async def sides(self, assignment_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, Side]:
        """Each assignment with its shift, location and person's name: one statement."""
        if not assignment_ids:
            return {}
        rows = await self.session.execute(
            select(Assignment, Shift, Location.name, Location.time_zone, Person.display_name)
            .join(Shift, Shift.id == Assignment.shift_id)
            .join(Location, Location.id == Shift.location_id)
            .join(Person, Person.id == Assignment.person_id)
            .where(
                Assignment.organisation_id == self.organisation_id,
                Assignment.id.in_(list(assignment_ids)),
            )
        )
        return {a.id: Side(a, s, ln, tz, pn) for a, s, ln, tz, pn in rows}

    async def holds_skill(self, person_id: uuid.UUID, skill_id: uuid.UUID) -> bool:
        found = await self.session.scalar(
            select(PersonSkill.person_id).where(
                PersonSkill.person_id == person_id, PersonSkill.skill_id == skill_id
            )
        )
        return found is not None

    async def open_for(self, assignment_id: uuid.UUID, now: datetime) -> ShiftRequest | None:
        """A pending or accepted, unexpired request giving this assignment away."""
        found: ShiftRequest | None = await self.session.scalar(
            self.scoped()
            .where(
                ShiftRequest.assignment_id == assignment_id,
                ShiftRequest.state.in_(OPEN_STATES),
                ShiftRequest.expires_at > now,
            )
            .limit(1)
        )
        return found

    async def page(
        self, subject: Subject, filters: RequestFilters, page: PageParams, now: datetime
    ) -> tuple[list[ShiftRequest], int | None]:
        given, taken = aliased(Assignment), aliased(Assignment)
        s1, s2 = aliased(Shift), aliased(Shift)
        stmt = (
            self.scoped()
            .join(given, given.id == ShiftRequest.assignment_id)
            .join(s1, s1.id == given.shift_id)
            .outerjoin(taken, taken.id == ShiftRequest.counterpart_assignment_id)
            .outerjoin(s2, s2.id == taken.shift_id)
        )
        if not subject.is_admin:
            # As authz.policies.can_view_shift_request, plus the open drops the caller
            # holds the skill for (the rules judge expiry and the rest on accepting).
            visible = []
            me = subject.person_id
            if me is not None:
                held = select(PersonSkill.skill_id).where(PersonSkill.person_id == me)
                visible += [
                    ShiftRequest.requester_person_id == me,
                    ShiftRequest.counterpart_person_id == me,
                    and_(
                        ShiftRequest.kind == ShiftRequestKind.drop,
                        ShiftRequest.state == ShiftRequestState.pending,
                        ShiftRequest.expires_at > now,
                        or_(s1.skill_id.is_(None), s1.skill_id.in_(held)),
                    ),
                ]
            if subject.is_coordinator and subject.location_ids:
                locations = list(subject.location_ids)
                visible += [s1.location_id.in_(locations), s2.location_id.in_(locations)]
            stmt = stmt.where(or_(*visible) if visible else false())
        if filters.kind is not None:
            stmt = stmt.where(ShiftRequest.kind == filters.kind)
        if filters.location_id is not None:
            stmt = stmt.where(
                or_(s1.location_id == filters.location_id, s2.location_id == filters.location_id)
            )
        if filters.state is not None:
            stmt = stmt.where(_effective_state_is(filters.state, now))
        stmt = stmt.order_by(ShiftRequest.created_at.desc(), ShiftRequest.id)
        return await paginate(self.session, stmt, page)


def _effective_state_is(state: ShiftRequestState, now: datetime) -> ColumnElement[bool]:
    """Requests still pending or accepted past their expiry count as expired."""
    if state in OPEN_STATES:
        return and_(ShiftRequest.state == state, ShiftRequest.expires_at > now)
    if state is ShiftRequestState.expired:
        return or_(
            ShiftRequest.state == state,
            and_(ShiftRequest.state.in_(OPEN_STATES), ShiftRequest.expires_at <= now),
        )
    return ShiftRequest.state == state
