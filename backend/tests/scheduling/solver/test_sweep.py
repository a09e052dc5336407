"""The neighbourhood search's one-person passes: every person, every day, once a pass."""

from __future__ import annotations

import threading
import time
from collections import Counter

from bench.curtois import parse, to_problem
from shiftwise.scheduling.solver.lns import SWEEP_DAYS, Incumbent, Lns

from .builders import curtois_instance


def _passes(number: int, seed: int, passes: bool) -> tuple[Lns, list[tuple[str, int, int]]]:
    problem = to_problem(parse(curtois_instance(number)))
    incumbent = Incumbent(started=time.monotonic())
    search = Lns(problem, incumbent, 0.0, threading.Event(), seed, passes=passes)
    return search, [(p.id, first, last) for p, first, last in search.sweep]


def test_a_short_period_is_re_planned_whole_once_per_person() -> None:
    for passes in (False, True):
        search, queued = _passes(7, 0, passes)
        whole = [(p.id, 0, search.problem.days - 1) for p in search.people]
        assert sorted(queued) == sorted(whole)


def test_beside_the_whole_model_a_long_period_gets_no_one_person_pass() -> None:
    search, queued = _passes(18, 0, False)
    assert search.long
    assert queued == []


def test_a_long_period_is_re_planned_in_windows_that_tile_it_for_every_person() -> None:
    for seed in range(5):
        search, queued = _passes(18, seed, True)  # 84 days
        days = search.problem.days
        assert search.long
        covered: Counter[tuple[str, int]] = Counter()
        for pid, first, last in queued:
            assert 0 <= first <= last < days
            assert last - first + 1 <= SWEEP_DAYS
            covered.update((pid, day) for day in range(first, last + 1))
        assert covered == Counter((p.id, day) for p in search.people for day in range(days))
