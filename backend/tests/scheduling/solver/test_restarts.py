"""The whole model's complete hint and its restarts from a better incumbent."""

from __future__ import annotations

import time
from typing import Any, cast

from ortools.sat.python import cp_model

from shiftwise.scheduling.solver import (
    Progress,
    SolveOptions,
    Status,
    objective_terms,
    solve,
    violations,
)
from shiftwise.scheduling.solver.lns import Incumbent
from shiftwise.scheduling.solver.model import build, order_interchangeable
from shiftwise.scheduling.solver.solve import _Rounds, hint_all

from .builders import fortnight_problem, pairs


def test_the_complete_hint_is_the_schedule_itself() -> None:
    problem = fortnight_problem()
    sol = solve(problem, SolveOptions(time_limit_s=2, explain=False))
    chosen = frozenset(pairs(sol.assignments))
    built = build(problem, "both")
    assert hint_all(built, chosen, time.monotonic() + 5)
    proto = built.model.proto
    assert len(proto.solution_hint.vars) == len(proto.variables)  # every variable
    # Fixed to the hint, the model is feasible and costs what the schedule costs.
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    status = solver.solve(built.model)
    assert status == cp_model.OPTIMAL
    assert round(solver.objective_value) == sum(objective_terms(problem, chosen).values())
    chosen_back = {key for key, var in built.x.items() if solver.boolean_value(var)}
    assert chosen_back == set(order_interchangeable(problem, chosen, built.groups))


def test_a_schedule_in_another_order_of_identical_people_is_still_a_complete_hint() -> None:
    """The neighbourhood search may leave interchangeable people in any order; fixed
    as it is, such a schedule is infeasible in the whole model (symmetry breaking)."""
    problem = fortnight_problem()
    sol = solve(problem, SolveOptions(time_limit_s=2, explain=False))
    built = build(problem, "both")
    a, b = built.groups[0][:2]  # the model wants a to work at least b's minutes
    swap = {a: b, b: a}
    canonical = order_interchangeable(problem, pairs(sol.assignments), built.groups)
    swapped = [(swap.get(pid, pid), did) for pid, did in canonical]
    minutes = {d.id: d.minutes for d in problem.demands}
    worked = {pid: sum(minutes[d] for q, d in swapped if q == pid) for pid in (a, b)}
    assert worked[a] < worked[b]  # out of order: fixed as it is, infeasible
    assert not violations(problem, sorted(swapped))
    assert order_interchangeable(problem, swapped, built.groups) == canonical
    assert hint_all(built, frozenset(swapped), time.monotonic() + 5)


class _Stoppable:
    def __init__(self) -> None:
        self.stopped = 0

    def stop_search(self) -> None:
        self.stopped += 1


def _rounds(objective: int, bound: int | None, restart_after: float = 1.0) -> _Rounds:
    incumbent = Incumbent(started=time.monotonic())
    incumbent.offer(frozenset(), objective)
    if bound is not None:
        incumbent.raise_bound(bound)
    return _Rounds(incumbent, time.monotonic() + 60, restart_after)


def test_a_round_restarts_only_once_beaten_and_its_bound_has_settled() -> None:
    rounds = _rounds(1000, None)
    solver = _Stoppable()
    assert rounds.begin(cast(Any, solver))
    rounds.began -= 5  # the round has run five seconds
    rounds.check()
    assert not rounds.restart.is_set()  # the incumbent is the round's own start
    rounds.incumbent.offer(frozenset(), 900)  # the neighbourhood search beats it
    rounds.check()
    assert not rounds.restart.is_set()  # no bound from its LP yet: keep it
    rounds.moved(850)
    rounds.incumbent.raise_bound(850)
    rounds.check()
    assert not rounds.restart.is_set()  # its bound has just risen
    rounds.bound_moved -= 2
    rounds.check()
    assert rounds.restart.is_set()
    assert solver.stopped == 1


def test_a_round_behind_the_bound_proven_before_is_not_restarted() -> None:
    rounds = _rounds(1000, 900)
    assert rounds.begin(cast(Any, _Stoppable()))
    rounds.incumbent.offer(frozenset(), 950)
    rounds.moved(800)  # this round's LP has not caught up with 900 yet
    rounds.bound_moved -= 5
    rounds.check()
    assert not rounds.restart.is_set()


def test_a_round_that_found_the_incumbent_itself_is_not_restarted() -> None:
    rounds = _rounds(1000, None)
    assert rounds.begin(cast(Any, _Stoppable()))
    rounds.found(900)
    rounds.incumbent.offer(frozenset(), 900)
    rounds.moved(850)
    rounds.bound_moved -= 5
    rounds.check()
    assert not rounds.restart.is_set()


def test_no_restart_when_switched_off_or_stopped() -> None:
    rounds = _rounds(1000, None, restart_after=0)
    assert rounds.begin(cast(Any, _Stoppable()))
    rounds.incumbent.offer(frozenset(), 900)
    rounds.moved(850)
    rounds.bound_moved -= 5
    rounds.check()
    assert not rounds.restart.is_set()
    rounds.stop()
    assert not rounds.begin(cast(Any, _Stoppable()))  # no round after a stop


def test_restarting_often_keeps_the_best_schedule_and_every_rule() -> None:
    problem = fortnight_problem()
    seen: list[Progress] = []
    sol = solve(
        problem,
        SolveOptions(time_limit_s=4, explain=False, restart_after_s=0.2, lns_threads=1),
        on_progress=seen.append,
    )
    assert sol.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert violations(problem, pairs(sol.assignments)) == []
    objectives = [p.objective for p in seen]
    assert objectives == sorted(objectives, reverse=True)
    assert sol.objective == objectives[-1]
    assert sol.bound is not None
    assert sol.objective is not None
    assert sol.bound <= sol.objective
