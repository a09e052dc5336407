"""The labelling pricer (`labelling.py`): its bound never exceeds CP-SAT's exact pricing,
every schedule it offers keeps every rule and is scored as the checker scores it, and
where no rule counts over the period it is exact."""

from __future__ import annotations

import math
import random
import threading
from dataclasses import replace

import pytest

from bench.curtois import parse, to_problem
from shiftwise.scheduling.solver import Existing, Limits, Problem, Weights
from shiftwise.scheduling.solver.check import Index, person_violations
from shiftwise.scheduling.solver.columns import SCALE, Pricer
from shiftwise.scheduling.solver.labelling import Labelling
from shiftwise.scheduling.solver.problem import Demand

from .builders import curtois_instance, forced_optimum, fortnight_problem


def duals_for(problem: Problem, rng: random.Random) -> dict[str, int]:
    """Duals as a master LP gives them: mostly towards the under-staffing weight, some
    negative (over-staffed), rounded to 1/SCALE."""
    return {d.id: rng.randrange(-2 * SCALE, 80 * SCALE) for d in problem.demands}


def check_against_cp_sat(problem: Problem, rounds: int, seed: int, exact: bool) -> None:
    index = Index.of(problem)
    people = list(problem.people)
    labelling = Labelling(problem, people, SCALE)
    assert all(r is not None for r in labelling.rows)
    pricers = [Pricer(problem, p) for p in people]
    rng = random.Random(seed)
    for _ in range(rounds):
        duals = duals_for(problem, rng)
        for row, (p, pricer, lab) in enumerate(
            zip(people, pricers, labelling.price(duals), strict=True)
        ):
            assert lab is not None
            constant, coefs = labelling.reduced(row, duals)  # the proof's cut
            value, _, _ = pricer.price(duals, 30.0, threading.Event())
            assert value is not None
            assert lab.bound <= value
            for scaled, schedule in lab.found:
                worked = [index.demands[i] for i in schedule]
                assert not person_violations(index, p, worked)
                assert scaled == SCALE * pricer.cost(schedule) - sum(duals[i] for i in schedule)
                assert scaled == constant + sum(coefs[i] for i in schedule)
                assert scaled >= value
            if exact:
                # Paths are schedules: the shortest is the optimum, and is offered.
                assert lab.found
                assert lab.found[0][0] == value
                assert value - lab.bound <= 2  # the floor of a float sum


def stretch_rules_only(number: int, people: int, before: int) -> Problem:
    """The first people of Curtois & Qu `number` with no rule that counts over the
    period: only the stretch rules (work carried in from the last period as given),
    successions and eligibility, which the states hold exactly."""
    problem = to_problem(parse(curtois_instance(number)))
    kept = tuple(
        replace(
            p,
            limits=Limits(
                max_consecutive_days=p.limits.max_consecutive_days,
                min_consecutive_days=p.limits.min_consecutive_days,
                min_consecutive_days_off=p.limits.min_consecutive_days_off,
                consecutive_days_before=before,
            ),
        )
        for p in problem.people[:people]
    )
    return replace(problem, people=kept)


@pytest.mark.parametrize("number", [1, 4, 7])
def test_the_bound_is_below_exact_pricing_and_every_schedule_keeps_the_rules(number: int) -> None:
    """Curtois & Qu 1, 4 and 7 with every rule: minutes, shifts of a kind and weekends
    priced by multipliers, the rest in the states."""
    problem = to_problem(parse(curtois_instance(number)))
    people = problem.people[:6]
    check_against_cp_sat(replace(problem, people=people), rounds=3, seed=number, exact=False)


@pytest.mark.parametrize("before", [0, 2])
def test_without_period_rules_the_paths_are_exact(before: int) -> None:
    """Only the stretch rules, successions and eligibility: no multiplier is needed, and
    every person's shortest path is their optimum, with work carried in from the last
    period counting towards the longest stretch."""
    problem = stretch_rules_only(4, 6, before)
    check_against_cp_sat(problem, rounds=3, seed=before, exact=True)


def test_rest_between_days_and_changes_are_priced_exactly() -> None:
    """The fortnight's early and late shifts with 11 h of rest between days, and existing
    work that costs a change when dropped: still exact without period rules."""
    base = fortnight_problem()
    people = tuple(
        replace(p, limits=Limits(max_consecutive_days=4, min_consecutive_days_off=2))
        for p in base.people
    )
    existing = (Existing(people[0].id, base.demands[3].id, change_weight=70),)
    problem = replace(base, people=people, existing=existing, min_rest_minutes=660)
    check_against_cp_sat(problem, rounds=4, seed=3, exact=True)


def test_what_it_does_not_cover_is_left_to_cp_sat() -> None:
    base = fortnight_problem()
    p0, p1, p2, p3 = base.people[:4]
    people = (
        replace(p0, target_minutes=3000),  # fairness: not a sum over days
        replace(p1, limits=replace(p1.limits, max_shifts_per_day=2)),
        p2,  # has fixed work, below
        p3,
    )
    fixed = (Existing(p2.id, base.demands[0].id, fixed=True),)
    problem = replace(base, people=people, existing=fixed, weights=Weights(fairness=2))
    labelling = Labelling(problem, people, SCALE)
    assert labelling.rows == [None, None, None, 0]
    assert [lab is None for lab in labelling.price({})] == [True, True, True, False]


def test_clashes_beyond_the_next_day_leave_everyone_to_cp_sat() -> None:
    base = fortnight_problem()
    first = base.demands[0]
    long = Demand(
        id="long",
        shift_id="long",
        day=first.day,
        kind="LONG",
        start=first.start,
        end=first.start + 3 * 1440,  # into the day after next
    )
    problem = replace(base, demands=(*base.demands, long))
    labelling = Labelling(problem, base.people, SCALE)
    assert not labelling.covered
    assert all(r is None for r in labelling.rows)


def check_through(problem: Problem, seed: int, exact: bool) -> None:
    """Every bound through a pair or a day of rest is at most CP-SAT's optimum forced to
    it, and equal to it where the paths are exactly the schedules."""
    people = list(problem.people)
    labelling = Labelling(problem, people, SCALE)
    rng = random.Random(seed)
    duals = duals_for(problem, rng)
    labelling.price(duals)
    by_day: dict[int, list[str]] = {}
    for d in problem.demands:
        by_day.setdefault(d.day, []).append(d.id)
    for p, th in zip(people, labelling.through(duals), strict=True):
        assert th is not None
        pricer = Pricer(problem, p)
        value = forced_optimum(pricer, duals, [], None)
        assert value is not None
        assert th.bound <= value + 1e-6
        if exact:
            assert th.bound == pytest.approx(value, abs=1e-6)
        # Every path works or rests on each day: the best of those is the bound.
        first = [v for did, v in th.pairs.items() if did in set(by_day[0])]
        assert min([*first, th.rest[0]]) == pytest.approx(th.bound)
        asked = [
            (th.pairs[did], forced_optimum(pricer, duals, [], did))
            for did in rng.sample(sorted(th.pairs), 6)
        ]
        asked += [
            (th.rest[day], forced_optimum(pricer, duals, by_day.get(day, []), None))
            for day in rng.sample(range(problem.days), 4)
        ]
        for through, forced in asked:
            if forced is None:
                assert not exact or through == math.inf
            elif exact:
                assert through == pytest.approx(forced, abs=1e-6)
            else:
                assert through <= forced + 1e-6


@pytest.mark.parametrize("number", [4, 7])
def test_bounds_through_a_pair_or_a_rest_day_are_below_cp_sat_forced_to_it(number: int) -> None:
    """With every rule (the period's priced by the best multipliers of the round)."""
    problem = to_problem(parse(curtois_instance(number)))
    check_through(replace(problem, people=problem.people[:4]), seed=number, exact=False)


@pytest.mark.parametrize("before", [0, 3])
def test_without_period_rules_the_bounds_through_pairs_and_rest_days_are_exact(
    before: int,
) -> None:
    check_through(stretch_rules_only(7, 4, before), seed=before, exact=True)
