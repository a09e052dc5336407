"""The overnight rule and overlap checks, without a database."""

from __future__ import annotations

from datetime import UTC, date, time

import pytest

from shiftwise.availability.slots import (
    DAY,
    WEEK,
    dated_span,
    first_clashes,
    length,
    time_problem,
    weekly_span,
)


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [
        (time(9), time(17), 8 * 60),
        (time(22), time(6), 8 * 60),
        (time(0), time(0), DAY),
        (time(18), time(0), 6 * 60),
        (time(23, 30), time(0, 15), 45),
    ],
)
def test_length_follows_the_overnight_rule(start: time, end: time, minutes: int) -> None:
    assert length(start, end) == minutes


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (time(9), time(9), "end_time"),
        (time(9, 0, 30), time(10), "start_time"),
        (time(9), time(10, tzinfo=UTC), "end_time"),
    ],
)
def test_time_problems_name_the_field(start: time, end: time, field: str) -> None:
    problem = time_problem(start, end)
    assert problem is not None
    assert problem[0] == field


def test_whole_day_and_night_are_fine() -> None:
    assert time_problem(time(0), time(0)) is None
    assert time_problem(time(22), time(6)) is None


def test_adjacent_slots_do_not_clash() -> None:
    spans = [weekly_span(0, time(9), time(12)), weekly_span(0, time(12), time(17))]
    assert first_clashes(spans, WEEK) == []


def test_clash_blames_start_inside_or_end_running_in() -> None:
    spans = [
        weekly_span(0, time(9), time(12)),
        weekly_span(1, time(9), time(17)),
        weekly_span(0, time(7), time(10)),
        weekly_span(0, time(11), time(13)),
    ]
    clashes = first_clashes(spans, WEEK)
    assert [(c.index, c.other, c.field) for c in clashes] == [
        (2, 0, "end_time"),
        (3, 0, "start_time"),
    ]


def test_a_sunday_night_runs_into_monday() -> None:
    spans = [weekly_span(0, time(5), time(9)), weekly_span(6, time(22), time(6))]
    clashes = first_clashes(spans, WEEK)
    assert [(c.index, c.field) for c in clashes] == [(1, "end_time")]


def test_a_night_runs_into_the_next_day_and_not_beyond() -> None:
    spans = [weekly_span(2, time(22), time(6)), weekly_span(3, time(6), time(14))]
    assert first_clashes(spans, WEEK) == []


def test_dated_spans_cross_midnight() -> None:
    night = dated_span(date(2030, 3, 4), time(22), time(6))
    assert night.overlaps(dated_span(date(2030, 3, 5), time(5), time(7)))
    assert not night.overlaps(dated_span(date(2030, 3, 5), time(6), time(8)))
    assert dated_span(date(2030, 3, 4), None, None).overlaps(
        dated_span(date(2030, 3, 4), time(12), time(13))
    )
