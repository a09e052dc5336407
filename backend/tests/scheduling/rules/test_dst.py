"""Clock changes: a 22:00–06:00 night is 7 real hours in spring and 9 in autumn,
and daily and weekly totals count the real hours, in London and New York."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from shiftwise.scheduling.rules import RuleCode, check_schedule
from tests.scheduling.rules.builders import LONDON, NEW_YORK, check, only, person, shift

# (zone, the Saturday night before the spring change, the one before autumn's)
CHANGES = [
    (LONDON, date(2024, 3, 30), date(2024, 10, 26)),
    (NEW_YORK, date(2024, 3, 9), date(2024, 11, 2)),
]


@pytest.mark.parametrize(("zone", "spring", "autumn"), CHANGES)
def test_night_across_the_change_has_its_true_length(zone: str, spring: date, autumn: date) -> None:
    assert shift("s", spring, "22:00", "06:00", zone=zone).paid_minutes == 7 * 60
    assert shift("a", autumn, "22:00", "06:00", zone=zone).paid_minutes == 9 * 60
    assert (
        shift("n", spring - timedelta(days=7), "22:00", "06:00", zone=zone).paid_minutes == 8 * 60
    )


@pytest.mark.parametrize(("zone", "spring", "autumn"), CHANGES)
def test_weekly_totals_count_real_hours(zone: str, spring: date, autumn: date) -> None:
    rules = only(RuleCode.max_hours_per_week).with_rule(RuleCode.max_hours_per_week, hours=40)
    for night, real_hours in ((spring, 7), (autumn, 9)):
        # Five more nights in the same Monday week as the change night (a Saturday).
        monday = night - timedelta(days=5)
        others = [
            shift(f"n{i}", monday + timedelta(days=i), "22:00", "06:00", zone=zone)
            for i in range(4)
        ]
        change = shift("change", night, "22:00", "06:00", zone=zone)
        total = 4 * 8 + real_hours
        found = check(change, *others, rules=rules)
        if total > 40:
            [v] = found
            assert v.amount == Decimal(total)
        else:
            assert found == []
        # And the schedule-wide check agrees on the same total.
        schedule = check_schedule(
            [person(*others, change)], rules.with_rule(RuleCode.max_hours_per_week, hours=0)
        )
        assert [v.amount for v in schedule] == [Decimal(total)]


@pytest.mark.parametrize(("zone", "spring", "autumn"), CHANGES)
def test_overtime_in_the_autumn_week_counts_the_extra_hour(
    zone: str, spring: date, autumn: date
) -> None:
    rules = only(RuleCode.overtime)
    monday = autumn - timedelta(days=5)
    others = [
        shift(f"n{i}", monday + timedelta(days=i), "22:00", "06:00", zone=zone) for i in range(4)
    ]
    [v] = check(
        shift("change", autumn, "22:00", "06:00", zone=zone), *others, rules=rules, rate="10"
    )
    assert v.amount == Decimal("1.00")  # 32 + 9 = 41 h
    assert v.cost == Decimal("15.00")
    spring_others = [
        shift(f"n{i}", spring - timedelta(days=5 - i), "22:00", "06:00", zone=zone)
        for i in range(4)
    ]
    assert (
        check(shift("change", spring, "22:00", "06:00", zone=zone), *spring_others, rules=rules)
        == []
    )


@pytest.mark.parametrize(("zone", "spring", "autumn"), CHANGES)
def test_messages_name_local_times_with_the_offset_in_force(
    zone: str, spring: date, autumn: date
) -> None:
    rules = only(RuleCode.max_shift_length).with_rule(RuleCode.max_shift_length, hours=8)
    [v] = check(shift("a", autumn, "22:00", "06:00", zone=zone), rules=rules)
    standard, daylight = ("GMT", "BST") if zone == LONDON else ("EST", "EDT")
    assert f"22:00 {daylight}" in v.message
    assert f"06:00 {standard}" in v.message
    assert "9 h" in v.message


def test_daily_total_of_a_night_and_an_evening() -> None:
    rules = only(RuleCode.max_hours_per_day).with_rule(RuleCode.max_hours_per_day, hours=12)
    spring = date(2024, 3, 30)
    evening = shift("e", spring, "13:00", "18:00")  # 5 h + 7 h night = 12 h: allowed
    assert check(shift("n", spring, "22:00", "06:00"), evening, rules=rules) == []
    autumn = date(2024, 10, 26)
    evening = shift("e", autumn, "13:00", "18:00")  # 5 h + 9 h night = 14 h
    [v] = check(shift("n", autumn, "22:00", "06:00"), evening, rules=rules)
    assert v.amount == 14
