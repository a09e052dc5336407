"""Checking a prospective assignment: gather the facts, then judge them.

`check_assignment` is the seam the rule engine (shiftwise.scheduling.rules) slots into:
the facts are plain data and `_judge` is pure, so the engine can replace it without
touching the endpoints or the service.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from shiftwise.assignments.repository import AssignmentRepository
from shiftwise.errors import Violation
from shiftwise.models import Person, Shift

# Hard rules a coordinator may override with a written reason; all others are absolute.
OVERRIDABLE_RULES = frozenset({"skill"})


@dataclass(frozen=True)
class Overlap:
    assignment_id: uuid.UUID
    shift_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Facts:
    person_id: uuid.UUID
    person_active: bool
    shift_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    local_date: date
    required_skill_id: uuid.UUID | None
    holds_skill: bool
    skill_expires_date: date | None
    overlaps: tuple[Overlap, ...]


async def check_assignment(
    repo: AssignmentRepository, shift: Shift, person: Person, time_zone: str
) -> list[Violation]:
    """Every rule the assignment of `person` to `shift` would break, hard and soft."""
    skill = None
    if shift.skill_id is not None:
        skill = await repo.person_skill(person.id, shift.skill_id)
    overlapping = await repo.overlapping(
        [person.id], shift.starts_at, shift.ends_at, exclude_shift_id=shift.id
    )
    facts = Facts(
        person_id=person.id,
        person_active=person.is_active,
        shift_id=shift.id,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        local_date=shift.starts_at.astimezone(ZoneInfo(time_zone)).date(),
        required_skill_id=shift.skill_id,
        holds_skill=skill is not None,
        skill_expires_date=skill.expires_date if skill else None,
        overlaps=tuple(Overlap(a.id, a.shift_id, a.starts_at, a.ends_at) for a in overlapping),
    )
    return _judge(facts)


def _judge(facts: Facts) -> list[Violation]:
    found: list[Violation] = []
    if not facts.person_active:
        found.append(
            Violation(
                rule="person_inactive",
                severity="hard",
                message="This person is inactive and cannot be assigned.",
                records={"person_id": str(facts.person_id)},
            )
        )
    for o in facts.overlaps:
        found.append(
            Violation(
                rule="overlap",
                severity="hard",
                message=(
                    "This person is already assigned to an overlapping shift "
                    f"({o.starts_at.isoformat()} to {o.ends_at.isoformat()})."
                ),
                records={
                    "assignment_id": str(o.assignment_id),
                    "shift_id": str(o.shift_id),
                    "starts_at": o.starts_at.isoformat(),
                    "ends_at": o.ends_at.isoformat(),
                },
            )
        )
    if facts.required_skill_id is not None:
        skill_problem = _skill_problem(facts)
        if skill_problem is not None:
            found.append(
                Violation(
                    rule="skill",
                    severity="hard",
                    message=skill_problem,
                    records={
                        "skill_id": str(facts.required_skill_id),
                        "person_id": str(facts.person_id),
                        "expires_date": (
                            facts.skill_expires_date.isoformat()
                            if facts.skill_expires_date
                            else None
                        ),
                        "shift_date": facts.local_date.isoformat(),
                    },
                )
            )
    return found


def _skill_problem(facts: Facts) -> str | None:
    if not facts.holds_skill:
        return "This person does not hold the skill the shift requires."
    if facts.skill_expires_date is not None and facts.skill_expires_date < facts.local_date:
        return (
            f"This person's required skill expired on {facts.skill_expires_date.isoformat()}, "
            f"before the shift on {facts.local_date.isoformat()}."
        )
    return None
