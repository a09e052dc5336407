"""The pure recurrence core: no database, no web framework."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from shiftwise.templates import recurrence
from shiftwise.templates.recurrence import Pattern, RecurrenceError, TooManyOccurrences, expand

H = timedelta(hours=1)


def pattern(
    rule: str = "FREQ=DAILY",
    start: time = time(22),
    end: time = time(6),
    zone: str = "Europe/London",
    starts_on: date = date(2026, 1, 1),
    until: date | None = None,
) -> Pattern:
    return Pattern(rule, starts_on, until, start, end, zone)


def utc(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def one(p: Pattern, day: date) -> recurrence.Occurrence:
    found = expand(p, day, day).occurrences
    assert len(found) == 1
    return found[0]


class TestNightsAcrossClockChanges:
    @pytest.mark.parametrize(
        ("zone", "night", "hours"),
        [
            ("Europe/London", date(2026, 3, 28), 7),  # clocks spring forward at 01:00
            ("Europe/London", date(2026, 10, 24), 9),  # and fall back at 02:00
            ("Europe/London", date(2026, 3, 27), 8),
            ("America/New_York", date(2026, 3, 7), 7),
            ("America/New_York", date(2026, 10, 31), 9),
            ("America/New_York", date(2026, 3, 6), 8),
        ],
    )
    def test_a_22_to_06_night_has_its_true_length(self, zone: str, night: date, hours: int) -> None:
        occ = one(pattern(zone=zone), night)
        assert occ.length == hours * H
        assert occ.local_date == night

    def test_instants_are_utc_and_the_end_is_on_the_next_local_day(self) -> None:
        occ = one(pattern(), date(2026, 10, 24))
        assert (occ.starts_at, occ.ends_at) == (utc(2026, 10, 24, 21), utc(2026, 10, 25, 6))
        ny = one(pattern(zone="America/New_York"), date(2026, 3, 7))
        assert (ny.starts_at, ny.ends_at) == (utc(2026, 3, 8, 3), utc(2026, 3, 8, 10))

    def test_end_equal_to_start_is_a_full_day(self) -> None:
        assert one(pattern(start=time(8), end=time(8)), date(2026, 6, 1)).length == 24 * H


class TestGapsAndRepeats:
    def test_a_start_inside_the_spring_gap_moves_forward_by_the_gap(self) -> None:
        occ = one(pattern(start=time(1, 30), end=time(9)), date(2026, 3, 29))
        assert occ.starts_at == utc(2026, 3, 29, 1, 30)  # 02:30 BST
        assert occ.length == 6.5 * H
        ny = one(pattern(start=time(2, 30), end=time(9), zone="America/New_York"), date(2026, 3, 8))
        assert ny.starts_at == utc(2026, 3, 8, 7, 30)  # 03:30 EDT

    def test_a_repeated_time_takes_the_first_of_the_two(self) -> None:
        occ = one(pattern(start=time(1, 30), end=time(9)), date(2026, 10, 25))
        assert occ.starts_at == utc(2026, 10, 25, 0, 30)  # 01:30 BST, not GMT
        assert occ.length == 8.5 * H
        ny = one(
            pattern(start=time(1, 30), end=time(9), zone="America/New_York"), date(2026, 11, 1)
        )
        assert ny.starts_at == utc(2026, 11, 1, 5, 30)  # 01:30 EDT

    def test_an_end_inside_the_gap_moves_forward_too(self) -> None:
        occ = one(pattern(start=time(22), end=time(1, 30)), date(2026, 3, 28))
        assert occ.ends_at == utc(2026, 3, 29, 1, 30)
        assert occ.length == 3.5 * H

    def test_an_occurrence_wholly_inside_the_gap_is_skipped(self) -> None:
        result = expand(
            pattern(start=time(1, 0), end=time(2, 0)), date(2026, 3, 28), date(2026, 3, 30)
        )
        assert [o.local_date for o in result.occurrences] == [date(2026, 3, 28), date(2026, 3, 30)]
        assert result.skipped == [date(2026, 3, 29)]


class TestRules:
    def test_weekdays_within_the_range_only(self) -> None:
        p = pattern("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", time(7), time(15))
        days = [o.local_date for o in expand(p, date(2026, 6, 5), date(2026, 6, 9)).occurrences]
        assert days == [date(2026, 6, 5), date(2026, 6, 8), date(2026, 6, 9)]

    def test_count_counts_from_the_template_start(self) -> None:
        p = pattern("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3", starts_on=date(2026, 6, 1))
        days = [o.local_date for o in expand(p, date(2026, 6, 10), date(2026, 12, 31)).occurrences]
        assert days == [date(2026, 6, 15)]

    def test_until_in_the_rule_and_until_date_both_bound(self) -> None:
        p = pattern("FREQ=DAILY;UNTIL=20260605T000000Z", until=date(2026, 6, 4))
        days = [o.local_date for o in expand(p, date(2026, 6, 1), date(2026, 6, 30)).occurrences]
        assert days == [date(2026, 6, d) for d in (1, 2, 3, 4)]
        p = pattern("FREQ=DAILY;UNTIL=20260603")
        assert len(expand(p, date(2026, 6, 1), date(2026, 6, 30)).occurrences) == 3

    def test_nothing_before_the_template_starts(self) -> None:
        p = pattern(starts_on=date(2026, 6, 10))
        assert expand(p, date(2026, 6, 1), date(2026, 6, 11)).occurrences[0].local_date == date(
            2026, 6, 10
        )

    def test_interval_keeps_its_phase_from_the_start(self) -> None:
        p = pattern("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", starts_on=date(2026, 6, 1))
        days = [o.local_date for o in expand(p, date(2026, 6, 1), date(2026, 6, 30)).occurrences]
        assert days == [date(2026, 6, 6), date(2026, 6, 20)]

    def test_canonical_form(self) -> None:
        assert recurrence.normalise_rule(" rrule:freq=weekly;byday=mo,fr ") == (
            "FREQ=WEEKLY;BYDAY=MO,FR"
        )

    @pytest.mark.parametrize(
        "rule",
        [
            "",
            "FOO",
            "FREQ=HOURLY",
            "FREQ=WEEKLY;BYDAY=MO,XX",
            "FREQ=DAILY;BYHOUR=9",
            "FREQ=DAILY;INTERVAL=0",
            "FREQ=DAILY;COUNT=2;UNTIL=20260101",
            "FREQ=DAILY;FREQ=WEEKLY",
            "FREQ=DAILY\nRRULE:FREQ=WEEKLY",
            "DTSTART:20260101\nRRULE:FREQ=DAILY",
            "FREQ=DAILY;UNTIL=2026",
        ],
    )
    def test_invalid_rules_are_refused_with_a_reason(self, rule: str) -> None:
        with pytest.raises(RecurrenceError) as caught:
            recurrence.normalise_rule(rule)
        assert caught.value.message

    @pytest.mark.parametrize(
        "rule",
        [
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31",
            "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31",
            "FREQ=MONTHLY;INTERVAL=12;BYMONTH=2",  # starts in January: never February
        ],
    )
    def test_rules_that_never_match_are_refused_quickly(self, rule: str) -> None:
        with pytest.raises(RecurrenceError) as caught:
            recurrence.check(rule, date(2026, 1, 5))
        assert caught.value.code == "rrule_never"

    def test_a_rare_but_possible_rule_is_fine(self) -> None:
        p = pattern("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", time(9), time(17))
        days = [o.local_date for o in expand(p, date(2026, 1, 1), date(2028, 12, 31)).occurrences]
        assert days == [date(2028, 2, 29)]

    def test_too_many_occurrences_are_refused(self) -> None:
        p = pattern(start=time(9), end=time(17))
        assert len(expand(p, date(2026, 1, 1), date(2028, 9, 26)).occurrences) == 1000
        with pytest.raises(TooManyOccurrences):
            expand(p, date(2026, 1, 1), date(2028, 9, 27))


def test_the_core_imports_neither_sqlalchemy_nor_fastapi() -> None:
    tree = ast.parse(Path(recurrence.__file__).read_text())
    names = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {n for n in names if n.split(".")[0] in {"sqlalchemy", "fastapi", "pydantic"}}
