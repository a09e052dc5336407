"""Hand-made instances whose optimum and open-seat reasons are worked out by hand."""

from __future__ import annotations

from shiftwise.scheduling.solver import (
    Existing,
    Limits,
    OpenReason,
    Person,
    Preference,
    Rule,
    SkillGrant,
    SolveOptions,
    Status,
    Succession,
    Weights,
    objective_terms,
    solve,
    violations,
)

from .builders import demand, pairs, person, week_problem

FAST = SolveOptions(time_limit_s=10)


def test_fills_every_seat_it_can_with_someone_qualified() -> None:
    problem = week_problem(
        2,
        [demand(0, skill="nurse"), demand(1, skill="nurse"), demand(0, "L")],
        [person("ann", "nurse"), person("bob")],
    )
    sol = solve(problem, FAST)
    assert sol.status is Status.OPTIMAL
    assert sol.objective == 0
    assert set(pairs(sol.assignments)) == {("ann", "0E-nurse"), ("ann", "1E-nurse"), ("bob", "0L")}
    assert sol.open_seats == ()
    assert violations(problem, pairs(sol.assignments)) == []


def test_seat_nobody_is_qualified_for_is_open_with_that_reason() -> None:
    problem = week_problem(1, [demand(0, skill="surgeon")], [person("ann", "nurse")])
    sol = solve(problem, FAST)
    assert sol.status is Status.OPTIMAL
    assert sol.objective == 1000
    assert sol.terms["unfilled"] == 1000
    [seat] = sol.open_seats
    assert (seat.demand_id, seat.count) == ("0E-surgeon", 1)
    assert seat.reason is OpenReason.NO_ONE_QUALIFIED


def test_expired_skill_does_not_qualify() -> None:
    d = demand(3, skill="forklift")
    expired = Person(id="ann", skills=(SkillGrant("forklift", valid_until=d.start),))
    sol = solve(week_problem(4, [d], [expired]), FAST)
    assert sol.assignments == ()
    assert sol.open_seats[0].reason is OpenReason.NO_ONE_QUALIFIED


def test_open_seat_names_the_rule_blocking_each_qualified_person() -> None:
    problem = week_problem(
        2,
        [demand(0, "N"), demand(1, "E", need=2)],
        [
            person("ann", time_off_days=frozenset({1})),
            person("bob", limits=Limits(max_shifts_by_kind={"E": 0, "N": 0})),
            person("cat"),
        ],
        successions=(Succession("N", "E"),),
    )
    sol = solve(problem, FAST)
    assert sol.status is Status.OPTIMAL
    # Day 1 early needs two but only cat may work it (ann is off, bob does no earlies);
    # cat on the night would block the early too, so the night goes to ann.
    assert set(pairs(sol.assignments)) == {("ann", "0N"), ("cat", "1E")}
    [seat] = sol.open_seats
    assert seat.count == 1
    assert seat.reason is OpenReason.ALL_BLOCKED
    blocked = {b.person_id: set(b.rules) for b in seat.blocked}
    assert blocked == {
        "ann": {Rule.TIME_OFF},
        "bob": {Rule.KIND_NOT_ALLOWED},
        "cat": {Rule.DUPLICATE},
    }


def test_forbidden_succession_and_rest_block_the_next_morning() -> None:
    problem = week_problem(
        2,
        [demand(0, "N"), demand(1, "E")],
        [person("ann")],
        successions=(Succession("N", "E"),),
        existing=(Existing("ann", "0N", fixed=True),),
    )
    sol = solve(problem, FAST)
    assert pairs(sol.assignments) == [("ann", "0N")]
    [seat] = sol.open_seats
    assert {r for b in seat.blocked for r in b.rules} >= {Rule.SUCCESSION}

    rested = week_problem(
        2,
        [demand(0, "N"), demand(1, "E")],
        [person("ann")],
        min_rest_minutes=11 * 60,
        existing=(Existing("ann", "0N", fixed=True),),
    )
    sol = solve(rested, FAST)
    assert pairs(sol.assignments) == [("ann", "0N")]
    assert sol.open_seats[0].blocked[0].rules == (Rule.MIN_REST,)


def test_overlapping_shifts_on_the_same_day_need_two_people() -> None:
    problem = week_problem(
        1,
        [demand(0, "E", minutes=600), demand(0, "L")],
        [person("ann", limits=Limits(max_shifts_per_day=2))],
    )
    sol = solve(problem, FAST)
    assert sol.objective == 1000  # 06:00-16:00 and 14:00-22:00 overlap
    assert violations(problem, pairs(sol.assignments)) == []


def test_preferences_decide_between_equals() -> None:
    problem = week_problem(
        1,
        [demand(0)],
        [
            person("ann", preferences=(Preference(0, wanted=False, weight=3),)),
            person("bob", preferences=(Preference(0, wanted=True, weight=2, kind="E"),)),
        ],
    )
    sol = solve(problem, FAST)
    assert pairs(sol.assignments) == [("bob", "0E")]
    assert sol.objective == 0


def test_over_staffing_only_when_worth_it() -> None:
    wants = (Preference(0, wanted=True, weight=5, kind="E"),)
    problem = week_problem(
        1,
        [demand(0, max_extra=1, over_weight=1)],
        [person("ann", preferences=wants), person("bob", preferences=wants)],
    )
    sol = solve(problem, FAST)
    assert len(sol.assignments) == 2
    assert sol.terms["over_staffing"] == 1
    assert sol.objective == 1


def test_existing_assignment_moves_only_when_it_pays() -> None:
    dislike = (Preference(0, wanted=False, weight=100),)
    problem = week_problem(
        1,
        [demand(0)],
        [person("ann", preferences=dislike), person("bob")],
        existing=(Existing("ann", "0E"),),
        weights=Weights(change=50),
    )
    sol = solve(problem, FAST)
    assert pairs(sol.assignments) == [("bob", "0E")]
    assert sol.terms["changes"] == 50

    fixed = week_problem(
        1,
        [demand(0)],
        [person("ann", preferences=dislike), person("bob")],
        existing=(Existing("ann", "0E", fixed=True),),
    )
    sol = solve(fixed, FAST)
    assert pairs(sol.assignments) == [("ann", "0E")]
    assert sol.objective == 100


def test_sequence_limits_shape_the_week() -> None:
    # 7 days, one early a day, one person who may work at most 3 in a row, stretches of
    # at least 2, rests of at least 2: best is work 3, rest 2, work 2 (days 0-2, 5-6).
    limits = Limits(max_consecutive_days=3, min_consecutive_days=2, min_consecutive_days_off=2)
    problem = week_problem(7, [demand(d) for d in range(7)], [person("ann", limits=limits)])
    sol = solve(problem, FAST)
    assert sol.status is Status.OPTIMAL
    assert sol.objective == 2000
    assert violations(problem, pairs(sol.assignments)) == []


def test_weekends_minutes_and_fairness() -> None:
    limits = Limits(max_weekends=0, max_minutes=3 * 480)
    problem = week_problem(
        7,
        [demand(d) for d in range(7)],
        [person("ann", limits=limits, target_minutes=3 * 480), person("bob", target_minutes=0)],
        weights=Weights(fairness=1),
    )
    sol = solve(problem, FAST)
    assert sol.status is Status.OPTIMAL
    assert violations(problem, pairs(sol.assignments)) == []
    ann = [d for p, d in pairs(sol.assignments) if p == "ann"]
    assert len(ann) == 3
    assert all(d[0] not in "56" for d in ann)
    # bob works the other 4, 32 hours over his target; ann is on hers.
    assert sol.terms["fairness"] == 32
    assert sol.objective == sum(objective_terms(problem, pairs(sol.assignments)).values())


def test_unknown_ids_and_contradictions_are_reported() -> None:
    bad = week_problem(1, [demand(0)], [person("ann")], existing=(Existing("zed", "0E"),))
    assert solve(bad, FAST).status is Status.INVALID
    impossible = week_problem(1, [demand(0)], [person("ann", limits=Limits(min_minutes=600))])
    assert solve(impossible, FAST).status is Status.INFEASIBLE
    blocked_fixed = week_problem(
        1,
        [demand(0)],
        [person("ann", time_off_days=frozenset({0}))],
        existing=(Existing("ann", "0E", fixed=True),),
    )
    sol = solve(blocked_fixed, FAST)
    assert sol.status is Status.INFEASIBLE
    assert "ann" in sol.message
