"""Candidates for an open seat, ranked with their reasons.

Order: rule-clean first (no hard violation), then fewer soft violations, then
preference (inside their preferred time, neutral, outside it), then more room below
their contracted hours in the shift's week, then lower cost. The verdict is the one
rule engine's (`rules.check_assignment`) on the gateway's facts, loaded once for
every candidate: nine statements whatever the number of people.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import ensure_can_manage_location
from shiftwise.errors import Conflict
from shiftwise.models import ShiftState
from shiftwise.schedule import schemas
from shiftwise.schedule.grid import hours, rule_set
from shiftwise.schedule.repository import ScheduleRepository, ShownPerson
from shiftwise.scheduling import rules
from shiftwise.scheduling.facts import NO_CONTEXT, load_people_facts, load_rule_book, shift_fact
from shiftwise.scheduling.verdict import NEVER_OVERRIDABLE, to_api
from shiftwise.shifts.repository import ShiftRepository

_PREFERENCE_ORDER: dict[schemas.Preference, int] = {
    "preferred": 0,
    "neutral": 1,
    "not_preferred": 2,
}


def week_of(day: date, week_start: int) -> date:
    """The first local date of the organisation week holding `day`."""
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def preference(
    facts: rules.PersonFacts, shift: rules.ShiftFact, found: list[rules.Violation]
) -> schemas.Preference:
    """'not_preferred' when the engine warns so; 'preferred' when the person marked
    preferred time on the shift's day and the engine did not warn; else 'neutral'.

    The day's dated exceptions replace its weekly pattern, as in the engine.
    """
    if any(v.code is rules.RuleCode.not_preferred for v in found):
        return "not_preferred"
    day = shift.local_date
    exceptions = facts.exceptions_by_day.get(day)
    statuses = (
        [e.status for e in exceptions]
        if exceptions is not None
        else [s.status for s in facts.pattern_by_weekday.get(day.weekday(), ())]
    )
    return "preferred" if rules.Availability.preferred in statuses else "neutral"


@dataclass(frozen=True)
class _Ranked:
    person: ShownPerson
    found: list[rules.Violation]
    hard: int
    soft: int
    preference: schemas.Preference
    week_minutes: int
    room_minutes: int | None
    cost: Decimal | None
    overtime_minutes: int

    def key(self) -> tuple[object, ...]:
        return (
            self.hard > 0,
            self.soft,
            _PREFERENCE_ORDER[self.preference],
            -(self.room_minutes if self.room_minutes is not None else 0),
            self.cost is None,
            self.cost or Decimal(0),
            self.person.display_name,
            str(self.person.id),
        )


def _cost(
    shift: rules.ShiftFact, facts: rules.PersonFacts, ruleset: rules.RuleSet, week_minutes: int
) -> tuple[Decimal | None, int]:
    """The shift's cost to this person's rate, and its minutes past the overtime
    threshold (only those this shift adds: earlier overtime is not its cost)."""
    config = ruleset[rules.RuleCode.overtime]
    threshold = config.minutes("hours_per_week") if config.enabled else None
    overtime = 0
    multiplier = Decimal(1)
    if threshold is not None:
        before = max(0, week_minutes - threshold)
        after = max(0, week_minutes + shift.paid_minutes - threshold)
        overtime = after - before
        multiplier = Decimal(str(config.number("multiplier") or 1))
    rate = facts.contract.hourly_rate
    if rate is None:
        return None, overtime
    normal = shift.paid_minutes - overtime
    cost = rate * (Decimal(normal) + Decimal(overtime) * multiplier) / 60
    return cost.quantize(Decimal("0.01")), overtime


def _summary(r: _Ranked) -> str:
    if r.hard:
        parts = [f"{r.hard} hard violation{'s' if r.hard > 1 else ''}"]
    else:
        parts = ["rule-clean"]
    if r.soft:
        parts.append(f"{r.soft} warning{'s' if r.soft > 1 else ''}")
    parts.append(
        {
            "preferred": "inside their preferred time",
            "neutral": "no preference",
            "not_preferred": "outside their preferred time",
        }[r.preference]
    )
    if r.room_minutes is None:
        parts.append(f"{hours(r.week_minutes)} h this week, no contracted hours")
    elif r.room_minutes >= 0:
        parts.append(f"{hours(r.room_minutes)} h below contract this week")
    else:
        parts.append(f"{hours(-r.room_minutes)} h above contract this week")
    if r.cost is not None:
        overtime = f" incl. {hours(r.overtime_minutes)} h overtime" if r.overtime_minutes else ""
        parts.append(f"costs {r.cost}{overtime}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


async def candidates(
    session: AsyncSession, subject: Subject, shift_id: uuid.UUID, limit: int
) -> schemas.CandidateList:
    shift = await ShiftRepository(session, subject.organisation_id).get_or_404(shift_id)
    ensure_can_manage_location(subject, shift.location_id)
    if shift.state is ShiftState.cancelled:
        raise Conflict("This shift is cancelled.", code="shift_cancelled")
    repo = ScheduleRepository(session, subject.organisation_id)
    location = await repo.location(shift.location_id)
    assert location is not None  # the foreign key and the organisation scope guarantee it
    fact = shift_fact(shift, location.time_zone)
    on_shift = await repo.live_person_ids(shift.id)
    people = await repo.qualified_people(shift, fact.local_date, on_shift)
    person_ids = [p.id for p in people]
    book = await load_rule_book(
        session, subject.organisation_id, location_ids=[shift.location_id], person_ids=person_ids
    )
    # As the gateway reads them: the rules' context and the rule period holding the shift.
    first, last = book.window(fact.local_date, fact.local_date, location.time_zone)
    facts = await load_people_facts(
        session,
        subject.organisation_id,
        person_ids,
        min(first, shift.starts_at),
        max(last, shift.ends_at),
        context=NO_CONTEXT,
    )
    week_first = week_of(fact.local_date, book.week_start)
    week_last = week_first + timedelta(days=6)

    ranked: list[_Ranked] = []
    for person in people:
        person_facts = facts.get(person.id)
        if person_facts is None:
            continue
        ruleset = rule_set(book, shift.location_id, person_facts)
        found = rules.check_assignment(fact, person_facts, ruleset, rule_period=book.rule_period)
        week_minutes = sum(
            a.paid_minutes
            for a in person_facts.assignments
            if week_first <= a.local_date <= week_last
        )
        contracted = person.contracted_hours_per_week
        cost, overtime = _cost(fact, person_facts, ruleset, week_minutes)
        hard = sum(1 for v in found if v.is_hard)
        ranked.append(
            _Ranked(
                person=person,
                found=found,
                hard=hard,
                soft=len(found) - hard,
                preference=preference(person_facts, fact, found),
                week_minutes=week_minutes,
                room_minutes=None if contracted is None else round(contracted * 60) - week_minutes,
                cost=cost,
                overtime_minutes=overtime,
            )
        )
    ranked.sort(key=_Ranked.key)

    return schemas.CandidateList(
        shift_id=shift.id,
        week_start_date=week_first,
        total=len(ranked),
        items=[
            schemas.Candidate(
                rank=i + 1,
                person_id=r.person.id,
                display_name=r.person.display_name,
                home_location_id=r.person.home_location_id,
                rule_clean=r.hard == 0,
                overridable=not any(v.code in NEVER_OVERRIDABLE for v in r.found if v.is_hard),
                hard_violations=r.hard,
                soft_violations=r.soft,
                preference=r.preference,
                week_paid_hours=hours(r.week_minutes),
                contracted_hours_per_week=r.person.contracted_hours_per_week,
                hours_below_contract=None if r.room_minutes is None else hours(r.room_minutes),
                cost=r.cost,
                overtime_hours=hours(r.overtime_minutes),
                reasons=schemas.CandidateReasons(
                    summary=_summary(r), violations=[to_api(v) for v in r.found]
                ),
            )
            for i, r in enumerate(ranked[:limit])
        ],
    )
