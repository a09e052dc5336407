"""The proof from the converged column generation (`proof.py`): every fixing is what
CP-SAT's exact pricing says, every schedule splits into the duals, the cuts' reduced
costs (never below their bound) and the slack, and the bound it proves on Curtois &
Qu 5 is the published optimum, never above it."""

from __future__ import annotations

import math
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest

from bench.curtois import parse, to_problem
from shiftwise.scheduling.solver import Problem
from shiftwise.scheduling.solver.check import Index, group, objective_terms, violations
from shiftwise.scheduling.solver.columns import EPS, SCALE, ColumnBound
from shiftwise.scheduling.solver.construct import construct
from shiftwise.scheduling.solver.lns import Incumbent
from shiftwise.scheduling.solver.model import interchangeable
from shiftwise.scheduling.solver.proof import fix

from .builders import curtois_instance, forced_optimum

OPTIMUM_5 = 1143  # published, proven (../shared/benchmarks/curtois)


@dataclass
class Converged:
    problem: Problem
    cb: ColumnBound
    incumbent: Incumbent
    start: frozenset[tuple[str, str]]  # the construction's schedule
    duals: dict[str, int]  # of the round it converged in
    values: list[int]  # each group's pricing bound in it
    total: int  # its Lagrangian bound (all scaled)


@pytest.fixture(scope="module")
def converged5() -> Converged:
    """Curtois & Qu 5's column generation (its LP 1,140.58) run to the end as the
    solver runs it, its watcher stopping it at a proof; the converged round kept."""
    problem = to_problem(parse(curtois_instance(5)))
    groups = [[p.id for p in g] for g in interchangeable(problem)]
    start = frozenset(construct(problem, 5.0, groups)[0])
    incumbent = Incumbent(started=time.monotonic())
    incumbent.offer(start, sum(objective_terms(problem, start).values()))
    stop = threading.Event()
    cb = ColumnBound(problem, incumbent, time.monotonic() + 120, stop)
    seen: dict[str, Any] = {}
    search = cb._search

    def keep(duals: dict[str, int], values: list[int], total: int, prove: bool) -> None:
        assert prove  # 28 days: exact pricing, converged
        seen.update(duals=duals, values=values, total=total)
        search(duals, values, total, prove)

    cb._search = keep  # type: ignore[method-assign]
    thread = threading.Thread(target=cb.run)
    thread.start()
    while thread.is_alive():
        thread.join(0.05)
        if incumbent.proven and not stop.is_set():
            stop.set()
            cb.interrupt()
    assert seen, "the column generation did not converge"
    return Converged(problem, cb, incumbent, start, seen["duals"], seen["values"], seen["total"])


def test_every_fixing_is_what_exact_pricing_says(converged5: Converged) -> None:
    """A pair is off exactly when no schedule of the person within their limit works
    it, a day worked exactly when every such schedule works it: checked against CP-SAT
    forced to the pair or to rest, on a sample of every kind of answer."""
    c = converged5
    target = math.ceil(c.total / SCALE - EPS)
    gap = SCALE * target - c.total
    assert 0 <= gap < SCALE
    limits = [v + gap for v in c.values]
    assert c.cb.labelling is not None
    c.cb.labelling.price(c.duals)
    groups = [(g.members, g.pricer) for g in c.cb.groups]
    fixing = fix(groups, c.duals, limits, c.cb.labelling, threading.Event(), math.inf)
    assert fixing is not None
    assert fixing.off
    assert fixing.works
    assert fixing.questions > 0
    rng = random.Random(5)
    by_day: dict[int, list[str]] = {}
    for d in c.problem.demands:
        by_day.setdefault(d.day, []).append(d.id)
    for g, limit in zip(c.cb.groups[:6], limits, strict=False):
        pid = g.members[0].id
        pricer = g.pricer
        off = sorted(did for p, did in fixing.off if p == pid)
        on = sorted(set(pricer.x) - set(off))
        for did in rng.sample(off, min(4, len(off))):
            forced = forced_optimum(pricer, c.duals, [], did)
            assert forced is None or forced > limit
        for did in rng.sample(on, min(4, len(on))):
            forced = forced_optimum(pricer, c.duals, [], did)
            assert forced is not None
            assert forced <= limit
        worked = sorted(day for p, day in fixing.works if p == pid)
        rested = sorted(set(by_day) - set(worked))
        for day in rng.sample(worked, min(3, len(worked))):
            forced = forced_optimum(pricer, c.duals, by_day[day], None)
            assert forced is None or forced > limit
        for day in rng.sample(rested, min(3, len(rested))):
            forced = forced_optimum(pricer, c.duals, by_day[day], None)
            assert forced is not None
            assert forced <= limit


def test_every_schedule_splits_into_duals_reduced_costs_and_slack(converged5: Converged) -> None:
    """What the cuts and the gap rest on: with the converged duals, SCALE * objective is
    the duals' value, plus each person's reduced cost (the cut's expression, at least
    their pricing bound), plus each demand's slack term (at least 0). On every column
    met and on the construction's and the best schedules."""
    c = converged5
    labelling = c.cb.labelling
    assert labelling is not None
    index = Index.of(c.problem)
    cuts = {}
    for g, row, value in zip(c.cb.groups, labelling.rows, c.values, strict=True):
        assert row is not None
        constant, coefs = labelling.reduced(row, c.duals)
        for p in g.members:
            cuts[p.id] = (constant, coefs, value)
    for g, schedule, _ in c.cb.columns:
        constant, coefs, value = cuts[g.members[0].id]
        assert constant + sum(coefs[i] for i in schedule) >= value
    assert c.incumbent.pairs is not None
    for chosen in (c.start, c.incumbent.pairs):
        worked = group(index, chosen)
        split = sum(d.need * c.duals[d.id] for d in c.problem.demands)
        for pid, (constant, coefs, value) in cuts.items():
            reduced = constant + sum(coefs[d.id] for d in worked[pid])
            assert reduced >= value
            split += reduced
        count = Counter(did for _, did in chosen)
        for d in c.problem.demands:
            under = max(0, d.need - count[d.id])
            over = max(0, count[d.id] - d.need)
            slack = (SCALE * d.under_weight - c.duals[d.id]) * under  # type: ignore[operator]
            slack += (SCALE * d.over_weight + c.duals[d.id]) * over  # type: ignore[operator]
            assert slack >= 0
            split += slack
        assert split == SCALE * sum(objective_terms(c.problem, chosen).values())


def test_the_proof_raises_the_bound_of_curtois_instance5_to_its_optimum(
    converged5: Converged,
) -> None:
    """Its LP is 1,140.58: no bound of one LP proves 1,143. The proof shows no schedule
    reaches 1,141 or 1,142 and the bound meets the optimum, never passing it."""
    c = converged5
    assert c.cb.report.lp is not None
    assert c.cb.report.lp < OPTIMUM_5 - 2
    assert c.cb.retire.is_set()  # the whole model would have stopped at convergence
    proofs = {target: status for target, _, _, _, status, _ in c.cb.report.proofs}
    assert proofs.get(OPTIMUM_5 - 1) == "INFEASIBLE"
    assert c.incumbent.bound == OPTIMUM_5
    assert c.incumbent.objective == OPTIMUM_5
    assert c.incumbent.pairs is not None
    assert not violations(c.problem, sorted(c.incumbent.pairs))
