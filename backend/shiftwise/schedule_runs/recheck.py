"""Every proposal re-checked by the rule engine before anyone sees it.

The solver's pairs are replayed exactly as accepting will apply them: removals first,
then additions in start order, each judged by `check_assignment` with the rules of
its shift's location against everything placed so far (what place() will ask), with
the seat's own checks (a free seat, not already on it). Anything refused is dropped
and reported. Then `check_schedule` judges the whole period per location: a hard
violation touching a proposed shift drops it too (and the replay starts over), so a
proposal never carries a hard violation; the soft ones are its warnings. Both judge the
organisation's rule period (as place() will), not the run's days.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from shiftwise.errors import Violation
from shiftwise.schedule_runs.inputs import Inputs
from shiftwise.scheduling import rules
from shiftwise.scheduling.verdict import to_api

Pair = tuple[uuid.UUID, uuid.UUID]  # (person, shift)


@dataclass
class Checked:
    kept: list[Pair]
    dropped: list[tuple[Pair, list[Violation]]] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)
    hard: list[rules.Violation] = field(default_factory=list)  # always empty when returned
    final: dict[uuid.UUID, rules.PersonFacts] = field(default_factory=dict)


def _seat_refusal(rule: str, message: str, person_id: uuid.UUID) -> Violation:
    return Violation(
        rule=rule, severity="hard", message=message, records={"person_id": str(person_id)}
    )


def recheck(inputs: Inputs, add: list[Pair], remove: list[Pair]) -> Checked:
    excluded: set[Pair] = set()
    dropped: list[tuple[Pair, list[Violation]]] = []
    while True:
        kept, refused, final = _replay(inputs, [p for p in add if p not in excluded], remove)
        dropped += refused
        excluded |= {pair for pair, _ in refused}
        hard, soft = _verdict(inputs, final, kept)
        late = {pair for pair in kept if any(_involves(v, pair) for v in hard)}
        if not late:
            return Checked(kept, dropped, [to_api(v) for v in soft], [], final)
        for pair in sorted(late, key=lambda p: (str(p[0]), str(p[1]))):
            dropped.append((pair, [to_api(v) for v in hard if _involves(v, pair)]))
        excluded |= late


def _involves(v: rules.Violation, pair: Pair) -> bool:
    return str(v.person_id) == str(pair[0]) and any(str(s) == str(pair[1]) for s in v.shift_ids)


def _replay(
    inputs: Inputs, add: list[Pair], remove: list[Pair]
) -> tuple[list[Pair], list[tuple[Pair, list[Violation]]], dict[uuid.UUID, rules.PersonFacts]]:
    facts = dict(inputs.facts)
    removed = set(remove)
    for pid, sid in removed:
        f = facts[pid]
        facts[pid] = f.with_assignments([a for a in f.assignments if a.id != sid])
    seats: Counter[uuid.UUID] = Counter(
        a.shift_id for a in inputs.live if (a.person_id, a.shift_id) not in removed
    )
    on = {(a.person_id, a.shift_id) for a in inputs.live} - removed
    kept: list[Pair] = []
    refused: list[tuple[Pair, list[Violation]]] = []
    order = sorted(add, key=lambda p: (inputs.shifts[p[1]].fact.starts_at, str(p[1]), str(p[0])))
    for pid, sid in order:
        rs = inputs.shifts[sid]
        if (pid, sid) in on:
            refused.append(((pid, sid), [_seat_refusal("already_assigned", "Already on it.", pid)]))
            continue
        if seats[sid] >= rs.shift.headcount:
            refused.append(((pid, sid), [_seat_refusal("shift_full", "No open seat.", pid)]))
            continue
        person = facts.get(pid)
        if person is None:
            refused.append(((pid, sid), [_seat_refusal("person_not_found", "Gone.", pid)]))
            continue
        found = rules.check_assignment(
            rs.fact,
            person,
            inputs.book.for_(rs.shift.location_id, pid),
            rule_period=inputs.book.rule_period,
        )
        hard = [to_api(v) for v in found if v.is_hard]
        if hard:
            refused.append(((pid, sid), hard))
            continue
        facts[pid] = person.with_assignments([*person.assignments, rs.fact])
        seats[sid] += 1
        on.add((pid, sid))
        kept.append((pid, sid))
    return kept, refused, facts


def _verdict(
    inputs: Inputs, final: dict[uuid.UUID, rules.PersonFacts], kept: list[Pair]
) -> tuple[list[rules.Violation], list[rules.Violation]]:
    """check_schedule per location, with that location's rules, keeping what touches
    one of its shifts; only violations involving a proposed pair are the proposal's."""
    proposed = {(str(p), str(s)) for p, s in kept}
    people = [final[p] for p in sorted({p for p, _ in kept}, key=str)]
    hard: list[rules.Violation] = []
    soft: list[rules.Violation] = []
    for loc in inputs.location_ids:
        here = {str(sid) for sid, rs in inputs.shifts.items() if rs.shift.location_id == loc}
        found = rules.check_schedule(
            people, _rules_at(inputs, loc), inputs.period(), rule_period=inputs.book.rule_period
        )
        for v in found:
            ids = {str(s) for s in v.shift_ids}
            if not ids & here or not any((str(v.person_id), s) in proposed for s in ids):
                continue
            (hard if v.is_hard and v.code not in rules.WHOLE_PERIOD_RULES else soft).append(v)
    return hard, soft


def _rules_at(inputs: Inputs, loc: uuid.UUID) -> Callable[[rules.PersonFacts], rules.RuleSet]:
    def at(person: rules.PersonFacts) -> rules.RuleSet:
        return inputs.book.for_(loc, uuid.UUID(str(person.person_id)))

    return at
