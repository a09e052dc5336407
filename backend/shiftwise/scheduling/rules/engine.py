"""The two entry points: one proposed assignment, or a whole schedule.

Both run the same rule functions over a person's timeline. `check_assignment`
inserts the proposed shift and keeps only the violations that involve it, so
its answer is exactly what `check_schedule` would report about that shift
once it is assigned (the property tests hold the two to that).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from shiftwise.scheduling.rules import checks_days, checks_pairs, checks_shift, checks_totals
from shiftwise.scheduling.rules.config import RuleCode, RuleConfig, RuleSet
from shiftwise.scheduling.rules.facts import Id, PersonFacts, ShiftFact, timeline_key
from shiftwise.scheduling.rules.period import Period, RulePeriod
from shiftwise.scheduling.rules.timeline import Found, Timeline
from shiftwise.scheduling.rules.violations import Violation

Check = Callable[[Timeline, RuleConfig], Iterator[Found]]

CHECKS: Mapping[RuleCode, Check] = {
    RuleCode.inactive_person: checks_shift.inactive_person,
    RuleCode.overlap: checks_pairs.overlap,
    RuleCode.unavailable: checks_shift.unavailable,
    RuleCode.not_preferred: checks_shift.not_preferred,
    RuleCode.time_off: checks_shift.time_off,
    RuleCode.skill_required: checks_shift.skill_required,
    RuleCode.skill_expired: checks_shift.skill_expired,
    RuleCode.min_rest: checks_pairs.min_rest,
    RuleCode.max_shift_length: checks_shift.max_shift_length,
    RuleCode.max_hours_per_day: checks_totals.max_hours_per_day,
    RuleCode.max_hours_per_week: checks_totals.max_hours_per_week,
    RuleCode.max_hours_per_period: checks_totals.max_hours_per_period,
    RuleCode.min_hours_per_period: checks_totals.min_hours_per_period,
    RuleCode.max_consecutive_days: checks_days.max_consecutive_days,
    RuleCode.min_consecutive_days_off: checks_days.min_consecutive_days_off,
    RuleCode.max_weekends: checks_days.max_weekends,
    RuleCode.forbidden_succession: checks_pairs.forbidden_succession,
    RuleCode.overtime: checks_totals.overtime,
}

# Rules that judge a whole period's state rather than a change to it.
WHOLE_PERIOD_RULES = frozenset({RuleCode.min_hours_per_period})


def _run(tl: Timeline) -> Iterator[Found]:
    for code, check in CHECKS.items():
        config = tl.rules.rules[code]
        if config.enabled:
            yield from check(tl, config)


def check_assignment(
    shift: ShiftFact,
    person: PersonFacts,
    rules: RuleSet,
    period: Period | None = None,
    *,
    rule_period: RulePeriod | None = None,
) -> list[Violation]:
    """Every violation that assigning `person` to `shift` would cause or join.

    `person.assignments` are their other live assignments. The per-period rules
    judge the `rule_period` holding the shift when one is given (the person's
    assignments must then cover that period), else `period` (local dates,
    inclusive) if the shift is in it. Hard ones first.
    """
    shifts, index = person.timeline_with(shift)
    timeline = Timeline(person, shifts, rules, period, focus=index, rule_period=rule_period)
    found = [f.violation for f in _run(timeline) if index in f.indices]
    found.sort(key=lambda v: not v.is_hard)
    return found


def check_schedule(
    people: Iterable[PersonFacts],
    rules: RuleSet | Callable[[PersonFacts], RuleSet],
    period: Period | None = None,
    *,
    proposed: Iterable[tuple[Id, ShiftFact]] = (),
    rule_period: RulePeriod | None = None,
) -> list[Violation]:
    """Every current violation of every person's assignments.

    `proposed` adds (person_id, shift) pairs on top of the people's live
    assignments, e.g. the auto-scheduler's output. With a `period`, only
    violations involving a shift whose local date is in it are returned
    (pass the days around it as context so rest and runs are judged right).
    The per-period rules judge each `rule_period` the period overlaps (its whole
    span must be in the facts), or without one the period itself.
    """
    extra: dict[Id, list[ShiftFact]] = {}
    for person_id, shift in proposed:
        extra.setdefault(person_id, []).append(shift)
    violations: list[Violation] = []
    for person in people:
        effective = rules(person) if callable(rules) else rules
        added = extra.pop(person.person_id, ())
        shifts = (
            sorted([*person.assignments, *added], key=timeline_key)
            if added
            else list(person.sorted_assignments)
        )
        timeline = Timeline(person, shifts, effective, period, rule_period=rule_period)
        for found in _run(timeline):
            if (
                period is None
                or not found.indices
                or found.violation.code in WHOLE_PERIOD_RULES
                or any(timeline.in_period(shifts[i]) for i in found.indices)
            ):
                violations.append(found.violation)
    if extra:
        unknown = ", ".join(sorted(str(p) for p in extra))
        raise KeyError(f"proposed assignments for unknown people: {unknown}")
    return violations
