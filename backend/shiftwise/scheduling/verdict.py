"""Turning the engine's violations into the API's answer: refuse, override or warn."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise import errors
from shiftwise.models import Shift
from shiftwise.scheduling import rules
from shiftwise.scheduling.facts import (
    NO_CONTEXT,
    load_people_facts,
    load_rule_book,
    shift_fact,
)

# Hard rules no written reason can set aside: the database refuses them anyway, or
# the person cannot work at all.
NEVER_OVERRIDABLE = frozenset({rules.RuleCode.overlap, rules.RuleCode.inactive_person})


def records_of(v: rules.Violation) -> dict[str, object]:
    """A violation's records as the API shows them: the person, the ids involved by
    kind (in the kinds' order), the amounts and the local date."""
    records: dict[str, object] = {"person_id": str(v.person_id)}
    grouped: dict[rules.RecordKind, list[str]] = {}
    for r in v.records:
        grouped.setdefault(r.kind, []).append(str(r.id))
    for kind in rules.RecordKind:
        ids = grouped.get(kind)
        if ids:
            records[f"{kind.value}_ids"] = ids
    for name in ("amount", "limit", "cost"):
        value = getattr(v, name)
        if value is not None:
            records[name] = str(value)
    if v.local_date is not None:
        records["local_date"] = v.local_date.isoformat()
    return records


def to_api(v: rules.Violation) -> errors.Violation:
    return errors.Violation(
        rule=v.code.value, severity=v.severity.value, message=v.message, records=records_of(v)
    )


@dataclass(frozen=True)
class Judgement:
    """What the API makes of a check: whether it goes through, and what to say."""

    hard: list[errors.Violation]  # every hard violation
    blocking: list[errors.Violation]  # hard ones that refuse the change as asked
    warnings: list[errors.Violation]  # soft ones, plus hard ones overridden
    overridden: list[errors.Violation]  # hard ones set aside by the written reason
    # Every hard violation may be set aside by someone allowed to override, with a reason.
    overridable: bool

    @property
    def allowed(self) -> bool:
        return not self.blocking


def judge(
    found: Sequence[rules.Violation],
    *,
    may_override: bool,
    override_reason: str | None,
) -> Judgement:
    """Sort violations into refused, overridden and warned, without raising."""
    hard = [v for v in found if v.is_hard]
    absolute = any(v.code in NEVER_OVERRIDABLE for v in hard)
    overridable = bool(hard) and not absolute and may_override
    overriding = overridable and bool(override_reason and override_reason.strip())
    hard_api = [to_api(v) for v in hard]
    soft_api = [to_api(v) for v in found if not v.is_hard]
    return Judgement(
        hard=hard_api,
        blocking=[] if overriding else hard_api,
        warnings=soft_api + (hard_api if overriding else []),
        overridden=hard_api if overriding else [],
        overridable=overridable,
    )


def refusal(judgement: Judgement) -> errors.Conflict:
    """The 409 `rule_violation` listing the hard violations."""
    detail = "; ".join(v.message.rstrip(".") for v in judgement.hard)
    hint = (
        " A coordinator may override these with a written override_reason."
        if judgement.overridable
        else ""
    )
    return errors.Conflict(
        f"The change breaks {len(judgement.hard)} rule(s): {detail}.{hint}",
        code="rule_violation",
        violations=judgement.hard,
    )


def enforce(
    found: Sequence[rules.Violation],
    *,
    may_override: bool,
    override_reason: str | None,
) -> list[errors.Violation]:
    """Raise 409 listing the hard violations unless overridden; return the warnings.

    An override needs a coordinator (or admin) and a written reason, and never
    covers the rules in NEVER_OVERRIDABLE. Overridden hard violations are returned
    with the warnings (soft ones first) so the caller can audit them; `judge` gives
    them apart.
    """
    judgement = judge(found, may_override=may_override, override_reason=override_reason)
    if not judgement.allowed:
        raise refusal(judgement)
    return judgement.warnings


async def check_people_on_shift(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    shift: Shift,
    time_zone: str,
    person_ids: Iterable[uuid.UUID],
    *,
    exclude_assignment_ids: Iterable[uuid.UUID] = (),
    exclude_shift_ids: Iterable[uuid.UUID] = (),
) -> dict[uuid.UUID, list[rules.Violation]]:
    """What assigning each person to `shift` would break (nothing is changed).

    Six statements whatever the number of people: the gateway every path uses
    (manual assignment, claims, swaps, imports, the auto-scheduler, candidates).
    The per-period rules judge the organisation's rule period holding the shift,
    so the facts cover that period whole. People not in the organisation are left
    out of the answer.
    """
    ids = list(person_ids)
    book = await load_rule_book(
        session, organisation_id, location_ids=[shift.location_id], person_ids=ids
    )
    fact = shift_fact(shift, time_zone)
    start, end = book.window(fact.local_date, fact.local_date, time_zone)
    people = await load_people_facts(
        session,
        organisation_id,
        ids,
        min(start, shift.starts_at),
        max(end, shift.ends_at),
        exclude_assignment_ids=exclude_assignment_ids,
        context=NO_CONTEXT,
    )
    skip = set(exclude_shift_ids) | {shift.id}
    verdicts: dict[uuid.UUID, list[rules.Violation]] = {}
    for person_id, facts in people.items():
        others = [a for a in facts.assignments if a.id not in skip]
        if len(others) != len(facts.assignments):
            facts = facts.with_assignments(others)
        verdicts[person_id] = rules.check_assignment(
            fact, facts, book.for_(shift.location_id, person_id), rule_period=book.rule_period
        )
    return verdicts


async def check_person_on_shifts(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    person_id: uuid.UUID,
    shifts: Sequence[tuple[Shift, str]],
) -> dict[uuid.UUID, list[rules.Violation]]:
    """What assigning one person to each of `shifts` (with its location's time zone)
    would break, each judged on its own (nothing is changed).

    The same facts and rules as check_people_on_shift, loaded once for the whole list:
    as many statements as one check, whatever the number of shifts (e.g. the open
    shifts a person may claim). Empty when the person is not in the organisation.
    """
    if not shifts:
        return {}
    book = await load_rule_book(
        session,
        organisation_id,
        location_ids={shift.location_id for shift, _ in shifts},
        person_ids=[person_id],
    )
    facts_of = [(shift, shift_fact(shift, zone)) for shift, zone in shifts]
    windows = [book.window(f.local_date, f.local_date, f.time_zone) for _, f in facts_of]
    start = min(min(w[0] for w in windows), min(s.starts_at for s, _ in shifts))
    end = max(max(w[1] for w in windows), max(s.ends_at for s, _ in shifts))
    people = await load_people_facts(
        session, organisation_id, [person_id], start, end, context=NO_CONTEXT
    )
    facts = people.get(person_id)
    if facts is None:
        return {}
    verdicts: dict[uuid.UUID, list[rules.Violation]] = {}
    for shift, fact in facts_of:
        own = facts
        others = [a for a in facts.assignments if a.id != shift.id]
        if len(others) != len(facts.assignments):
            own = facts.with_assignments(others)
        verdicts[shift.id] = rules.check_assignment(
            fact, own, book.for_(shift.location_id, person_id), rule_period=book.rule_period
        )
    return verdicts
