"""Why a seat stayed open: nobody qualified, or each qualified person blocked by a rule."""

from __future__ import annotations

from collections import Counter

from .check import Index, group, person_terms, person_violations, static_blockers
from .problem import Problem
from .result import Blocker, OpenReason, OpenSeats, Rule


def explain_open(problem: Problem, pairs: list[tuple[str, str]]) -> tuple[OpenSeats, ...]:
    index = Index.of(problem)
    counts = Counter(did for _, did in pairs)
    present = set(pairs)
    worked = group(index, pairs)
    w = problem.weights
    base_terms = {p.id: person_terms(index, p, worked[p.id]) for p in problem.people}
    out: list[OpenSeats] = []
    for d in problem.demands:
        missing = d.need - counts[d.id]
        if missing <= 0:
            continue
        qualified = [p for p in problem.people if p.has_skill(d.skill, d.end)]
        if not qualified:
            out.append(OpenSeats(d.id, d.shift_id, missing, OpenReason.NO_ONE_QUALIFIED))
            continue
        blocked: list[Blocker] = []
        best_delta: int | None = None
        for p in qualified:
            if (p.id, d.id) in present:
                blocked.append(Blocker(p.id, (Rule.DUPLICATE,)))  # already on this one
                continue
            rules = static_blockers(p, d)
            if not rules:
                trial = [*worked[p.id], d]
                rules = sorted({v.rule for v in person_violations(index, p, trial)})
            if rules:
                blocked.append(Blocker(p.id, tuple(Rule(r) for r in rules)))
                continue
            after = person_terms(index, p, trial)
            delta = sum(after.values()) - sum(base_terms[p.id].values())
            if best_delta is None or delta < best_delta:
                best_delta = delta
        under_w = w.unfilled if d.under_weight is None else d.under_weight
        if best_delta is None:
            reason = OpenReason.ALL_BLOCKED
        elif best_delta >= under_w:
            reason = OpenReason.TOO_COSTLY
        else:
            reason = OpenReason.NOT_PROVEN
        out.append(OpenSeats(d.id, d.shift_id, missing, reason, tuple(blocked)))
    return tuple(out)
