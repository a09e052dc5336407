"""The one-person column bound (`columns.py`): valid, exact where it must be, and its
pricing scores schedules as the checker does."""

from __future__ import annotations

import random
import threading
import time

import pytest

from bench.curtois import parse, to_problem
from shiftwise.scheduling.solver import (
    Existing,
    Limits,
    Preference,
    Problem,
    SolveOptions,
    Status,
    Weights,
    columns,
    solve,
)
from shiftwise.scheduling.solver.check import (
    Index,
    group,
    objective_terms,
    person_violations,
    violations,
)
from shiftwise.scheduling.solver.columns import (
    SCALE,
    ColumnBound,
    Pricer,
    lead_fits,
    supported,
    tailing,
)
from shiftwise.scheduling.solver.construct import construct
from shiftwise.scheduling.solver.lns import Incumbent, Lns
from shiftwise.scheduling.solver.model import interchangeable

from .builders import curtois_instance, demand, fortnight_problem, pairs, person, week_problem


def bound_of(problem: Problem, seconds: float = 30.0) -> tuple[ColumnBound, Incumbent, int]:
    """The column bound run to convergence from a proven-optimal schedule's columns."""
    sol = solve(problem, SolveOptions(time_limit_s=20, explain=False, column_bound=False))
    assert sol.status is Status.OPTIMAL
    assert sol.objective is not None
    incumbent = Incumbent(started=time.monotonic())
    incumbent.offer(frozenset(pairs(sol.assignments)), sol.objective)
    cb = ColumnBound(problem, incumbent, time.monotonic() + seconds, threading.Event())
    cb.run()
    return cb, incumbent, sol.objective


def started_from_construction(n: int) -> tuple[Problem, Incumbent]:
    problem = to_problem(parse(curtois_instance(n)))
    start = construct(problem, 10.0, [[p.id for p in g] for g in interchangeable(problem)])
    incumbent = Incumbent(started=time.monotonic())
    incumbent.offer(frozenset(start[0]), sum(objective_terms(problem, start[0]).values()))
    return problem, incumbent


Offered = list[tuple[frozenset[tuple[str, str]], int]]


def recorded_from_construction(n: int) -> tuple[Problem, Incumbent, int, Offered]:
    """`started_from_construction`, with the construction's objective and a record of
    every schedule offered to the incumbent after it."""
    problem, incumbent = started_from_construction(n)
    first = incumbent.objective
    assert first is not None
    offered: Offered = []
    incumbent.on_change = lambda inc: offered.append((inc.pairs or frozenset(), inc.objective or 0))
    return problem, incumbent, first, offered


def assert_offers_valid(problem: Problem, offered: Offered, optimum: int) -> None:
    """Every schedule offered keeps the rules, is scored as the checker scores it, and
    none beats the optimum."""
    for chosen, objective in offered:
        if chosen:
            assert not violations(problem, sorted(chosen))
            assert objective == sum(objective_terms(problem, chosen).values())
            assert objective >= optimum


def test_the_bound_of_curtois_instance1_is_below_its_optimum_and_reaches_the_incumbent() -> None:
    cb, incumbent, optimum = bound_of(to_problem(parse(curtois_instance(1))))
    assert optimum == 607
    assert cb.report.converged_s is not None
    assert cb.report.lp is not None
    assert cb.report.bound is not None
    # The root column bound is not tight everywhere: 558 here (ADR 0006).
    assert 500 < cb.report.bound <= optimum
    assert cb.report.bound >= cb.report.lp - 1  # the last round's Lagrangian meets the LP
    # The proof (`proof.py`) raises the incumbent's bound past the LP's, one objective
    # value at a time, to the optimum: no schedule reaches 558, ..., 606.
    assert incumbent.bound == optimum
    assert [t for t, *_ in cb.report.proofs] == list(range(cb.report.bound, optimum))
    assert {status for *_, status, _ in cb.report.proofs} == {"INFEASIBLE"}
    # One trace entry per round: in time order, the bound never falling, the last LP the one
    # it converged at.
    trace = cb.report.trace
    assert len(trace) == cb.report.rounds
    assert [t for t, _, _ in trace] == sorted(t for t, _, _ in trace)
    bounds = [b for _, _, b in trace if b is not None]
    assert bounds == sorted(bounds)
    assert bounds[-1] == cb.report.bound
    assert trace[-1][1] == cb.report.lp


@pytest.mark.parametrize("lead_threads", [0, 2])
def test_curtois_instance10_is_proven_optimal_from_its_column_bound_and_lp_support(
    lead_threads: int,
) -> None:
    """Issue 5's target on 10: the bound reaches the optimum, and the whole model on the
    pairs the LP optimum uses finds a schedule at it. From the construction alone, so
    nothing else searches; generous time, as it stops once proven (~15-30 s here).
    With threads to lead with, it leads after its first round (a round costs under a
    second of CPU: the rounds left fit in the three minutes many times over), pricing
    with CP-SAT, and everything it finds from then on it finds while the searches give
    way. Without, the labelling pricer prices the rounds it finds columns in."""
    problem, incumbent = started_from_construction(10)
    cb = ColumnBound(problem, incumbent, time.monotonic() + 180, threading.Event(), lead_threads)
    changes: list[tuple[bool, bool]] = []  # (leading, searches giving way) at each change
    incumbent.on_change = lambda _: changes.append((cb.lead.is_set(), cb.searching.is_set()))
    cb.run()
    assert cb.report.bound == 4631
    assert incumbent.objective == 4631
    assert incumbent.pairs is not None
    assert not violations(problem, sorted(incumbent.pairs))
    assert cb.report.searches[0][0] is None  # found on the LP's own support
    assert cb.report.searches[0][2] == "OPTIMAL"
    assert not cb.searching.is_set()  # the searches go on once it is done
    if lead_threads:
        assert cb.lead.is_set()
        assert cb.report.led_s is not None
        assert cb.report.trace[0][0] <= cb.report.led_s < cb.report.trace[1][0]
        assert any(leading for leading, _ in changes)
        assert all(giving_way for leading, giving_way in changes if leading)
        assert cb.labelling is None  # a thread that may lead prices with CP-SAT
        assert cb.report.labelled == 0
    else:
        assert not cb.lead.is_set()
        assert cb.report.led_s is None
        assert cb.labelling is not None
        assert cb.report.labelled > 0  # rounds whose columns came from labelling alone


def test_the_lead_is_taken_only_when_the_rounds_left_and_their_search_fit() -> None:
    # After the first round, 24 rounds are left; at 1.4 s of CPU over two threads that
    # work at 0.7 each, a round takes 1 s; the search after them as long again: 48 s.
    assert lead_fits(1, 1.4, 2, 48.0)
    assert not lead_fits(1, 1.4, 2, 47.9)
    assert lead_fits(13, 1.4, 2, 24.0)  # later, fewer rounds are left
    assert not lead_fits(13, 1.4, 2, 23.9)
    assert lead_fits(40, 1.4, 2, 2.0)  # but never fewer than one
    assert not lead_fits(40, 1.4, 2, 1.9)
    assert lead_fits(1, 1.4, 1, 96.0)  # one thread: 1.4 / 0.7 = 2 s a round
    assert not lead_fits(1, 1.4, 1, 95.9)
    assert not lead_fits(1, 0.0, 0, 1e9)  # nothing to lead with


def test_every_schedule_the_support_search_offers_is_valid_and_no_better_than_optimal() -> None:
    problem = to_problem(parse(curtois_instance(2)))
    start = construct(problem, 5.0, [[p.id for p in g] for g in interchangeable(problem)])
    offered: list[tuple[frozenset[tuple[str, str]], int]] = []
    giving_way: list[bool] = []  # whether the neighbourhood search was told to wait

    def seen(inc: Incumbent) -> None:
        assert inc.pairs is not None
        assert inc.objective is not None
        if offered and inc.pairs != offered[-1][0]:  # a new schedule, not a new bound
            giving_way.append(cb.searching.is_set())
        offered.append((inc.pairs, inc.objective))

    incumbent = Incumbent(started=time.monotonic(), on_change=seen)
    incumbent.offer(frozenset(start[0]), sum(objective_terms(problem, start[0]).values()))
    cb = ColumnBound(problem, incumbent, time.monotonic() + 60, threading.Event())
    cb.run()
    assert cb.report.searches
    assert len(offered) > 1
    assert giving_way
    assert all(giving_way)
    assert not cb.searching.is_set()  # and is no longer once the searches end
    for chosen, objective in offered:
        assert not violations(problem, sorted(chosen))
        assert objective == sum(objective_terms(problem, chosen).values())
        assert objective >= 828  # the optimum


def test_one_person_alone_is_bounded_exactly() -> None:
    """One person and seats of one: cover is linear in their schedule, so the best
    convex combination is a schedule and the bound is the optimum itself."""
    p = person(
        "p0",
        limits=Limits(max_consecutive_days=3, min_consecutive_days_off=2, max_weekends=1),
        preferences=tuple(Preference(d, wanted=d % 4 != 1, weight=1 + d % 3) for d in range(14)),
    )
    problem = week_problem(
        14, [demand(d, k) for d in range(14) for k in ("E", "L")], [p], min_rest_minutes=660
    )
    cb, _, optimum = bound_of(problem)
    assert cb.report.bound == optimum


def test_pricing_is_exact_with_fairness_cost_and_changes() -> None:
    """The priced value is SCALE x the person's own cost (preferences, fairness, cost,
    changes to existing work) less the duals of the seats, and nothing beats it."""
    base = fortnight_problem()
    people = tuple(
        person(
            p.id,
            limits=p.limits,
            preferences=p.preferences,
            target_minutes=3000,
            cost_per_hour=20 + i,
            overtime_after_minutes=2400,
            overtime_cost_per_hour=15,
        )
        for i, p in enumerate(base.people)
    )
    existing = (Existing("p0", "3E"), Existing("p0", "4L", change_weight=70), Existing("p1", "5E"))
    problem = Problem(
        days=base.days,
        demands=base.demands,
        people=people,
        min_rest_minutes=base.min_rest_minutes,
        weekends=base.weekends,
        existing=existing,
        weights=Weights(fairness=3, cost=1),
    )
    sol = solve(problem, SolveOptions(time_limit_s=3, explain=False, column_bound=False))
    worked = group(Index.of(problem), pairs(sol.assignments))
    rng = random.Random(5)
    index = Index.of(problem)
    for p in people[:3]:
        pricer = Pricer(problem, p)
        for _ in range(3):
            duals = {d.id: rng.randrange(-10 * SCALE, 100 * SCALE) for d in problem.demands}
            value, found, cpu = pricer.price(duals, 10.0, threading.Event())
            assert cpu > 0  # its solve ran in this thread
            assert value is not None
            assert found
            best = found[-1]
            assert not person_violations(index, p, [index.demands[i] for i in best])
            assert value == SCALE * pricer.cost(best) - sum(duals[i] for i in best)
            theirs = frozenset(d.id for d in worked[p.id])
            assert value <= SCALE * pricer.cost(theirs) - sum(duals[i] for i in theirs)
            assert value <= SCALE * pricer.cost(frozenset())  # a free fortnight is valid here


def test_a_term_that_does_not_split_by_person_has_no_column_bound() -> None:
    base = fortnight_problem()
    assert supported(base)
    spread = Problem(
        days=base.days,
        demands=base.demands,
        people=base.people,
        weekends=base.weekends,
        weights=Weights(unpopular_spread=5),
    )
    assert not supported(spread)


def test_a_stop_ends_the_column_generation_at_once() -> None:
    """Stopped in the middle (Instance 10 takes seconds to converge), it returns within
    one pricing solve and claims nothing for the round it did not finish."""
    problem = to_problem(parse(curtois_instance(10)))
    sol = solve(problem, SolveOptions(time_limit_s=2, explain=False, column_bound=False))
    assert sol.objective is not None
    incumbent = Incumbent(started=time.monotonic())
    incumbent.offer(frozenset(pairs(sol.assignments)), sol.objective)
    stop = threading.Event()
    cb = ColumnBound(problem, incumbent, time.monotonic() + 60, stop)
    thread = threading.Thread(target=cb.run)
    thread.start()
    time.sleep(2.0)
    stop.set()
    cb.interrupt()
    thread.join(timeout=2)
    assert not thread.is_alive()
    assert cb.report.converged_s is None
    assert cb.report.bound is None or cb.report.bound <= 4631  # the optimum


def test_the_neighbourhood_search_takes_no_step_while_told_to_give_way() -> None:
    problem, incumbent = started_from_construction(1)
    give_way = threading.Event()
    give_way.set()
    search = Lns(problem, incumbent, time.monotonic() + 0.5, threading.Event(), give_way=give_way)
    search.run()  # returns at its deadline
    assert search.objective is None  # it never even took up the incumbent
    give_way.clear()
    search.deadline = time.monotonic() + 0.5
    search.run()
    assert search.objective is not None


def test_pricing_in_turn_keeps_the_deadline() -> None:
    """Each pricing solve gets the time left when it starts, not the time left when the
    round started: on Curtois & Qu 17 (56 days) one round priced by CP-SAT alone costs
    more than a minute, and ran 111 s past a 60 s deadline."""
    problem, incumbent = started_from_construction(17)
    cb = ColumnBound(problem, incumbent, time.monotonic() + 5, threading.Event(), labelling=False)
    began = time.monotonic()
    cb.run()
    assert time.monotonic() - began < 8  # the deadline, and the last solve's wind-down
    assert cb.report.rounds == 1  # the round was cut short and proves nothing
    assert cb.report.bound is None


def test_the_master_lp_tails_off_when_it_falls_under_a_quarter_percent_in_the_window() -> None:
    def trace(*points: tuple[float, float]) -> list[tuple[float, float, int | None]]:
        return [(at, lp, None) for at, lp in points]

    assert not tailing([], 6.0)
    assert not tailing(trace((0.0, 5900.0), (5.0, 5806.0)), 6.0)  # too short to tell
    assert tailing(trace((0.0, 5900.0), (3.0, 5820.0), (6.0, 5812.0), (9.0, 5806.0)), 6.0)
    assert not tailing(trace((0.0, 5900.0), (3.0, 5821.0), (6.0, 5812.0), (9.0, 5806.0)), 6.0)
    # Curtois & Qu 17's rounds in a minute's run, 0.4 s each: counted in rounds (under
    # 0.25 % a round over three) this was a tail at 9.5 s, with the LP 3 % above the
    # optimum's 5,746 and still falling. Over a tenth of the minute it is not.
    seventeen = trace(
        (3.4, 7212.9), (4.3, 6884.8), (5.1, 6620.1), (5.8, 6398.7), (6.6, 6171.9),
        (7.4, 6047.8), (7.9, 5991.0), (8.2, 5964.8), (8.7, 5945.5), (9.0, 5938.5),
        (9.5, 5932.4),
    )  # fmt: skip
    assert not tailing(seventeen, 6.0)
    # A stall shorter than the window is no tail (the labelling's columns held 14's LP
    # at 1,778 for three rounds, 6 % above where it tailed off); one as long is.
    stall = trace((0.0, 2440.0), (5.0, 1778.0), (6.0, 1778.0), (7.0, 1778.0), (8.0, 1778.0))
    assert not tailing(stall, 6.0)
    assert tailing(stall, 3.0)


def test_without_exact_pricing_the_lp_support_is_searched_before_convergence() -> None:
    """On a long period (Curtois & Qu 16, 56 days) CP-SAT's pricing is capped and the
    search on the LP's support starts when asked, converged or not; what it offers is
    valid and the bound it proves stays under the optimum."""
    problem, incumbent, first, offered = recorded_from_construction(16)
    deadline = time.monotonic() + 25
    cb = ColumnBound(
        problem,
        incumbent,
        deadline,
        threading.Event(),
        exact=False,
        search_at=time.monotonic() + 8,
    )
    cb.run()
    assert time.monotonic() < deadline + 3
    r = cb.report
    assert r.searched_s is not None
    assert r.searches
    assert r.searches[0][0] is None
    assert cb.retire.is_set()  # the whole model beside it stopped for the search
    assert not r.proofs  # no proof from duals that did not converge
    assert r.bound is None or r.bound <= 3225  # the optimum
    assert incumbent.objective is not None
    assert incumbent.objective < first
    assert_offers_valid(problem, offered, 3225)


def test_a_lead_that_does_not_fit_after_its_first_round_is_given_up() -> None:
    """Curtois & Qu 12 with 10 s left cannot converge (its rounds cost about a second of
    CPU each on a host of speed 0.27 s, and it needs about 25): after the first round the
    thread stops pricing exactly, prices as on long periods, and searches the LP's
    support at `search_at` with the neighbourhood search beside it."""
    problem, incumbent, _, offered = recorded_from_construction(12)
    deadline = time.monotonic() + 10
    cb = ColumnBound(
        problem, incumbent, deadline, threading.Event(), 2, search_at=time.monotonic() + 5
    )
    cb.run()
    assert time.monotonic() < deadline + 3
    r = cb.report
    assert r.led_s is None
    assert r.gave_up_s is not None
    assert not cb.exact
    assert cb.labelling is not None  # the labelling prices from then on
    assert r.rounds >= 2
    assert r.searched_s is not None
    assert r.searched_s >= r.gave_up_s
    assert r.searches
    assert not cb.give_way  # the neighbourhood search did not stop for it
    assert cb.retire.is_set()
    assert not r.proofs
    assert r.bound is None or r.bound <= 4040  # the optimum
    assert_offers_valid(problem, offered, 4040)


def test_a_lead_that_has_not_converged_with_a_third_of_the_time_left_searches_anyway(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A lead taken on a wrong estimate (here: one round said to be enough) must not
    end the minute without a search: once a third of the time is left, the LP's support
    is searched, converged or not (on 14 such a lead once left the construction's
    schedule as the answer)."""
    monkeypatch.setattr(columns, "LEAD_ROUNDS", 1)
    problem, incumbent, first, offered = recorded_from_construction(12)
    began = time.monotonic()
    deadline = began + 12
    cb = ColumnBound(problem, incumbent, deadline, threading.Event(), 2)
    cb.run()
    assert time.monotonic() < deadline + 3
    r = cb.report
    assert r.led_s is not None
    assert r.converged_s is None  # 12 needs about 25 rounds
    assert r.searched_s is not None
    assert r.searched_s >= 12 * 2 / 3 - (cb.started - began) - 0.5
    assert r.searches
    assert incumbent.objective is not None
    assert incumbent.objective < first
    assert_offers_valid(problem, offered, 4040)
