"""The organisation's rule period: which days the per-period rules add up, on every path."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from shiftwise.scheduling.rules import (
    CALENDAR_MONTH,
    RuleCode,
    RuleConfigError,
    RulePeriod,
    check_assignment,
    check_schedule,
    parse_rule_period,
)
from tests.scheduling.rules.builders import only, person, shift

MON = date(2030, 3, 4)  # a Monday
FORTNIGHT = RulePeriod(2, MON)


class TestRulePeriod:
    def test_calendar_month(self) -> None:
        assert CALENDAR_MONTH.containing(date(2030, 2, 14)) == (date(2030, 2, 1), date(2030, 2, 28))
        assert CALENDAR_MONTH.containing(date(2030, 12, 31)) == (
            date(2030, 12, 1),
            date(2030, 12, 31),
        )

    def test_weeks_from_an_anchor_either_side(self) -> None:
        assert FORTNIGHT.containing(MON) == (MON, MON + timedelta(days=13))
        assert FORTNIGHT.containing(MON + timedelta(days=13)) == (MON, MON + timedelta(days=13))
        assert FORTNIGHT.containing(MON + timedelta(days=14))[0] == MON + timedelta(days=14)
        assert FORTNIGHT.containing(MON - timedelta(days=1)) == (
            MON - timedelta(days=14),
            MON - timedelta(days=1),
        )

    def test_covering_spans_whole_periods(self) -> None:
        assert FORTNIGHT.covering(MON + timedelta(days=10), MON + timedelta(days=16)) == (
            MON,
            MON + timedelta(days=27),
        )

    def test_parse(self) -> None:
        assert parse_rule_period(None) == CALENDAR_MONTH
        assert parse_rule_period({"months": 1}) == CALENDAR_MONTH
        assert parse_rule_period({"weeks": 4, "anchor_date": "2030-03-04"}) == RulePeriod(4, MON)
        assert RulePeriod(4, MON).as_setting() == {"weeks": 4, "anchor_date": "2030-03-04"}

    @pytest.mark.parametrize(
        ("raw", "path"),
        [
            ("monthly", "rule_period"),
            ({"weeks": 0, "anchor_date": "2030-03-04"}, "rule_period.weeks"),
            ({"weeks": 9, "anchor_date": "2030-03-04"}, "rule_period.weeks"),
            ({"weeks": True, "anchor_date": "2030-03-04"}, "rule_period.weeks"),
            ({"weeks": 2}, "rule_period.anchor_date"),
            ({"weeks": 2, "anchor_date": "4 March"}, "rule_period.anchor_date"),
            ({"months": 2}, "rule_period.months"),
            ({"days": 10}, "rule_period.days"),
        ],
    )
    def test_invalid_settings_name_the_field(self, raw: object, path: str) -> None:
        with pytest.raises(RuleConfigError) as caught:
            parse_rule_period(raw)
        assert caught.value.path == path


def days_of_work(first: date, count: int, hours: int = 10) -> list:  # type: ignore[type-arg]
    return [
        shift(f"s{n}", first + timedelta(days=n), "08:00", f"{8 + hours:02d}:00")
        for n in range(count)
    ]


class TestMaxHoursPerPeriod:
    rules = only(RuleCode.max_hours_per_period).with_rule(
        RuleCode.max_hours_per_period, enabled=True, hours=100
    )

    def test_a_single_check_adds_up_the_period_holding_the_shift(self) -> None:
        # 90 h in the fortnight's first week; 20 h more in its second week breaks 100 h,
        # though neither week alone does.
        first_week = days_of_work(MON, 9)
        proposed = shift("new", MON + timedelta(days=9), "08:00", "18:00")
        existing = person(*first_week, shift("t", MON + timedelta(days=8), "19:00", "20:00"))
        [v] = check_assignment(proposed, existing, self.rules, rule_period=FORTNIGHT)
        assert v.code is RuleCode.max_hours_per_period
        assert (v.amount, v.limit, v.local_date) == (Decimal("101.00"), Decimal(100), MON)
        # The same shift in the next period is judged against that one only.
        later = shift("later", MON + timedelta(days=14), "08:00", "18:00")
        assert check_assignment(later, existing, self.rules, rule_period=FORTNIGHT) == []

    def test_the_grid_reports_what_the_single_check_refused(self) -> None:
        everyone = person(*days_of_work(MON, 11))  # 110 h in the first fortnight
        view = (MON + timedelta(days=7), MON + timedelta(days=13))  # its second week
        [v] = check_schedule([everyone], self.rules, view, rule_period=FORTNIGHT)
        assert v.code is RuleCode.max_hours_per_period
        assert v.amount == Decimal("110.00")
        # Without a rule period the view itself is the period (40 h: fine).
        assert check_schedule([everyone], self.rules, view) == []


class TestMinHoursPerPeriod:
    rules = only(RuleCode.min_hours_per_period)

    def test_judged_over_the_whole_rule_period_not_per_change(self) -> None:
        p = person(*days_of_work(MON, 3), contracted="20")  # 30 of 40 h in the fortnight
        view = (MON + timedelta(days=7), MON + timedelta(days=13))  # no shift of theirs
        [v] = check_schedule([p], self.rules, view, rule_period=FORTNIGHT)
        assert (v.amount, v.limit) == (Decimal("30.00"), Decimal("40.00"))
        proposed = shift("new", MON + timedelta(days=9), "08:00", "09:00")
        assert check_assignment(proposed, p, self.rules, rule_period=FORTNIGHT) == []

    def test_a_view_before_the_periods_end_asks_for_the_minimum_pro_rata(self) -> None:
        # 30 h in the fortnight's first week: on pace for its first week (20 h) ...
        p = person(*days_of_work(MON, 3), contracted="20")
        first_week = (MON, MON + timedelta(days=6))
        assert check_schedule([p], self.rules, first_week, rule_period=FORTNIGHT) == []
        # ... and 10 h, even in the second week, is behind it: the period's hours count.
        short = person(*days_of_work(MON + timedelta(days=8), 1), contracted="20")
        [v] = check_schedule([short], self.rules, first_week, rule_period=FORTNIGHT)
        assert (v.amount, v.limit) == (Decimal("10.00"), Decimal("20.00"))
        assert "pro rata" in v.message
        # Three days in: 20 h x 3 / 7 = 8 h 34 min.
        few = (MON, MON + timedelta(days=2))
        [v] = check_schedule([person(contracted="20")], self.rules, few, rule_period=FORTNIGHT)
        assert v.limit == Decimal("8.57")
