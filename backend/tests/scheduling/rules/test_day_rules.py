"""Runs of working days, days off between them, weekends worked."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from shiftwise.scheduling.rules import RuleCode, Severity, ShiftFact, check_schedule
from tests.scheduling.rules.builders import check, codes, only, person, shift

MON = date(2024, 3, 4)


def days(
    *offsets: int, start: date = MON, at: str = "09:00", until: str = "13:00"
) -> list[ShiftFact]:
    return [shift(f"d{n}", start + timedelta(days=n), at, until) for n in offsets]


class TestMaxConsecutiveDays:
    rules = only(RuleCode.max_consecutive_days)

    def test_six_days_in_a_row_pass(self) -> None:
        assert check(*days(5), *days(0, 1, 2, 3, 4), rules=self.rules) == []

    def test_the_seventh_day_is_hard_and_names_the_run(self) -> None:
        [v] = check(*days(6), *days(0, 1, 2, 3, 4, 5), rules=self.rules)
        assert v.severity is Severity.hard
        assert v.amount == 7
        assert v.local_date == MON
        assert len(v.shift_ids) == 7

    def test_a_day_filling_a_gap_joins_two_runs(self) -> None:
        found = check(*days(3), *days(0, 1, 2, 4, 5, 6, 7), rules=self.rules)
        assert [v.amount for v in found] == [Decimal(8)]

    def test_two_shifts_on_one_day_are_one_day(self) -> None:
        extra = shift("x", MON + timedelta(days=2), "18:00", "20:00")
        assert check(extra, *days(0, 1, 2, 3, 4, 5), rules=self.rules) == []

    def test_night_shifts_count_on_their_start_date(self) -> None:
        nights = days(0, 1, 2, 3, 4, at="22:00", until="06:00")
        # The last night ends on day 5 morning, but day 5 is not a worked day.
        assert (
            check(shift("x", MON + timedelta(days=6), "22:00", "06:00"), *nights, rules=self.rules)
            == []
        )


class TestMinConsecutiveDaysOff:
    rules = only(RuleCode.min_consecutive_days_off).with_rule(
        RuleCode.min_consecutive_days_off, enabled=True
    )

    def test_a_single_day_off_between_work_is_flagged(self) -> None:
        [v] = check(*days(2), *days(0), rules=self.rules)
        assert v.severity is Severity.soft
        assert (v.amount, v.limit) == (Decimal(1), Decimal(2))
        assert v.local_date == MON + timedelta(days=1)

    def test_two_days_off_pass_and_consecutive_days_pass(self) -> None:
        assert check(*days(3), *days(0), rules=self.rules) == []
        assert check(*days(1), *days(0), rules=self.rules) == []

    def test_a_shift_splitting_a_long_break(self) -> None:
        found = check(*days(2), *days(0, 4), rules=self.rules)
        assert sorted(v.shift_ids for v in found) == [("d0", "d2"), ("d2", "d4")]

    def test_disabled_by_default(self) -> None:
        assert check(*days(2), *days(0), rules=only()) == []


class TestMaxWeekends:
    rules = only(RuleCode.max_weekends)
    SAT = date(2024, 3, 2)

    def weekend(self, n: int, day: int = 0) -> ShiftFact:
        return shift(f"w{n}-{day}", self.SAT + timedelta(weeks=n, days=day), "09:00", "17:00")

    def test_two_weekends_in_four_weeks_pass(self) -> None:
        assert check(self.weekend(1), self.weekend(0), rules=self.rules) == []

    def test_a_third_weekend_in_four_weeks_is_soft(self) -> None:
        [v] = check(self.weekend(3, day=1), self.weekend(0), self.weekend(1), rules=self.rules)
        assert v.severity is Severity.soft
        assert (v.amount, v.limit) == (Decimal(3), Decimal(2))
        assert v.local_date == self.SAT

    def test_saturday_and_sunday_are_one_weekend(self) -> None:
        assert (
            check(self.weekend(0, day=1), self.weekend(0), self.weekend(1), rules=self.rules) == []
        )

    def test_the_window_rolls(self) -> None:
        # Weekends 0, 1 and 4: no four consecutive weekends hold three.
        assert check(self.weekend(4), self.weekend(0), self.weekend(1), rules=self.rules) == []
        # 0, 2, 3: weekends 0–3 hold three.
        assert codes(
            check(self.weekend(3), self.weekend(0), self.weekend(2), rules=self.rules)
        ) == [RuleCode.max_weekends]

    def test_weekdays_never_count(self) -> None:
        weekday = shift("x", MON, "09:00", "17:00")
        assert check(weekday, self.weekend(0), self.weekend(1), rules=self.rules) == []

    def test_configurable_weekend_days(self) -> None:
        # A Friday–Saturday weekend.
        rules = self.rules.with_rule(RuleCode.max_weekends, weekend_days=[4, 5], weekends=1)
        friday = shift("f", date(2024, 3, 1), "09:00", "17:00")
        saturday = shift("s", date(2024, 3, 2), "09:00", "17:00")
        assert check(saturday, friday, rules=rules) == []
        sunday = shift("u", date(2024, 3, 10), "09:00", "17:00")
        assert check(sunday, friday, rules=rules) == []
        next_friday = shift("g", date(2024, 3, 8), "09:00", "17:00")
        assert codes(check(next_friday, friday, rules=rules)) == [RuleCode.max_weekends]

    def test_schedule_reports_each_distinct_window_once(self) -> None:
        p = person(*(self.weekend(n) for n in range(4)))
        found = check_schedule([p], self.rules)
        assert [v.amount for v in found] == [Decimal(4)]
