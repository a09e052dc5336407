"""Hours per day, week and period; minimum hours; overtime with cost."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from shiftwise.scheduling.rules import RuleCode, RuleSet, Severity, check_schedule
from tests.scheduling.rules.builders import check, codes, only, person, shift

MON = date(2024, 3, 4)


def week_of_days(hours_each: int, days: int, start: date = MON, prefix: str = "d") -> list:  # type: ignore[type-arg]
    end = f"{8 + hours_each:02d}:00"
    return [shift(f"{prefix}{n}", start + timedelta(days=n), "08:00", end) for n in range(days)]


class TestMaxHoursPerDay:
    rules = only(RuleCode.max_hours_per_day)

    def test_exactly_the_maximum_passes(self) -> None:
        assert (
            check(
                shift("b", MON, "14:00", "20:00"),
                shift("a", MON, "06:00", "12:00"),
                rules=self.rules,
            )
            == []
        )

    def test_over_the_maximum_names_both_shifts(self) -> None:
        [v] = check(
            shift("b", MON, "14:00", "20:30"), shift("a", MON, "06:00", "12:00"), rules=self.rules
        )
        assert v.shift_ids == ("a", "b")
        assert v.amount == Decimal("12.50")
        assert v.local_date == MON

    def test_unpaid_breaks_do_not_count(self) -> None:
        found = check(
            shift("b", MON, "14:00", "20:30", break_minutes=30),
            shift("a", MON, "06:00", "12:00"),
            rules=self.rules,
        )
        assert found == []

    def test_a_night_shift_counts_on_its_start_date(self) -> None:
        night = shift("n", MON, "18:00", "06:00")  # 12 h, all on Monday
        assert (
            check(shift("b", MON + timedelta(days=1), "07:00", "12:00"), night, rules=self.rules)
            == []
        )
        assert codes(check(shift("b", MON, "08:00", "09:00"), night, rules=self.rules)) == [
            RuleCode.max_hours_per_day
        ]


class TestMaxHoursPerWeek:
    rules = only(RuleCode.max_hours_per_week)

    def test_exactly_48_passes_and_more_fails(self) -> None:
        existing = week_of_days(10, 4)  # 40 h Mon–Thu
        assert (
            check(shift("f", date(2024, 3, 8), "08:00", "16:00"), *existing, rules=self.rules) == []
        )
        [v] = check(shift("f", date(2024, 3, 8), "08:00", "16:30"), *existing, rules=self.rules)
        assert v.severity is Severity.hard
        assert v.amount == Decimal("48.50")
        assert v.local_date == MON
        assert len(v.shift_ids) == 5

    def test_shifts_in_the_next_week_do_not_count(self) -> None:
        existing = week_of_days(10, 5)  # 50 h would fail, but next Monday is another week
        new = shift("next", date(2024, 3, 11), "08:00", "18:00")
        assert check(new, *existing[:4], rules=self.rules) == []

    def test_week_start_other_than_monday(self) -> None:
        monday_weeks = self.rules.with_rule(RuleCode.max_hours_per_week, hours=20)
        sunday_weeks = RuleSet(monday_weeks.rules, week_start=6)
        weekend = [
            shift("sat", date(2024, 3, 9), "08:00", "18:00"),
            shift("sun", date(2024, 3, 10), "08:00", "18:00"),
        ]
        friday = shift("fri", date(2024, 3, 8), "08:00", "09:00")
        # Monday weeks: Fri + Sat + Sun = 21 h in the week of Mon 4 March.
        [v] = check(friday, *weekend, rules=monday_weeks)
        assert v.local_date == MON
        assert v.shift_ids == ("fri", "sat", "sun")
        # Sunday weeks: Sun 10 March starts a new week; Fri + Sat = 11 h.
        assert check(friday, *weekend, rules=sunday_weeks) == []
        monday = shift("mon", date(2024, 3, 11), "07:00", "18:00")
        assert check(monday, *weekend, rules=monday_weeks) == []
        [v] = check(monday, *weekend, rules=sunday_weeks)
        assert v.local_date == date(2024, 3, 10)
        assert v.shift_ids == ("sun", "mon")

    def test_week_start_is_judged_in_the_locations_zone(self) -> None:
        rules = self.rules.with_rule(RuleCode.max_hours_per_week, hours=10)
        # Sunday 20:00 in New York is Monday 01:00 UTC: still the old week locally.
        sunday = shift("sun", date(2024, 3, 10), "20:00", "23:00", zone="America/New_York")
        assert sunday.starts_at.date() == date(2024, 3, 11)
        monday = shift("mon", date(2024, 3, 11), "08:00", "16:00", zone="America/New_York")
        assert check(monday, sunday, rules=rules) == []

    def test_contract_maximum_tightens_the_limit(self) -> None:
        existing = week_of_days(8, 2)
        new = shift("c", date(2024, 3, 6), "08:00", "16:00")
        assert check(new, *existing, rules=self.rules) == []
        assert codes(check(new, *existing, rules=self.rules, max_week="20")) == [
            RuleCode.max_hours_per_week
        ]
        assert check(new, *existing, rules=self.rules, max_week="60") == []


class TestMaxHoursPerPeriod:
    rules = only(RuleCode.max_hours_per_period).with_rule(
        RuleCode.max_hours_per_period, enabled=True, hours=20
    )
    period = (MON, MON + timedelta(days=13))

    def test_needs_a_period(self) -> None:
        existing = week_of_days(8, 2)
        assert (
            check(shift("c", date(2024, 3, 6), "08:00", "16:00"), *existing, rules=self.rules) == []
        )

    def test_over_the_period_maximum(self) -> None:
        existing = week_of_days(8, 2)
        [v] = check(
            shift("c", date(2024, 3, 12), "08:00", "16:00"),
            *existing,
            rules=self.rules,
            period=self.period,
        )
        assert v.amount == 24

    def test_shifts_outside_the_period_are_not_judged_or_counted(self) -> None:
        existing = week_of_days(8, 2)
        outside = shift("c", date(2024, 3, 18), "08:00", "16:00")
        assert check(outside, *existing, rules=self.rules, period=self.period) == []
        before = shift("z", date(2024, 3, 1), "08:00", "16:00")
        inside = shift("c", date(2024, 3, 6), "08:00", "11:00")
        assert check(inside, before, *existing, rules=self.rules, period=self.period) == []

    def test_disabled_by_default(self) -> None:
        from shiftwise.scheduling.rules import DEFAULT_RULE_SET

        assert not DEFAULT_RULE_SET[RuleCode.max_hours_per_period].enabled


class TestMinHoursPerPeriod:
    rules = only(RuleCode.min_hours_per_period)
    period = (MON, MON + timedelta(days=6))

    def test_whole_period_rule_is_not_judged_per_assignment(self) -> None:
        assert (
            check(
                shift("a", MON, "08:00", "12:00"),
                rules=self.rules,
                period=self.period,
                contracted="30",
            )
            == []
        )

    def test_below_contracted_hours_is_soft(self) -> None:
        p = person(*week_of_days(8, 3), contracted="30")
        [v] = check_schedule([p], self.rules, self.period)
        assert v.severity is Severity.soft
        assert (v.amount, v.limit) == (Decimal("24.00"), Decimal("30.00"))

    def test_at_contracted_hours_passes(self) -> None:
        p = person(*week_of_days(10, 3), contracted="30")
        assert check_schedule([p], self.rules, self.period) == []

    def test_target_scales_with_the_period_and_can_be_set(self) -> None:
        rules = self.rules.with_rule(RuleCode.min_hours_per_period, hours_per_week=10)
        fortnight = (MON, MON + timedelta(days=13))
        p = person(*week_of_days(8, 2))
        [v] = check_schedule([p], rules, fortnight)
        assert v.limit == 20
        assert check_schedule([p], rules, self.period) == []

    def test_nobody_without_a_target_or_a_period(self) -> None:
        assert check_schedule([person()], self.rules, self.period) == []
        assert check_schedule([person(contracted="30")], self.rules) == []

    def test_a_person_with_no_shifts_is_named(self) -> None:
        [v] = check_schedule([person(contracted="10")], self.rules, self.period)
        assert v.shift_ids == ()
        assert v.records[0].id == "person-1"


class TestOvertime:
    rules = only(RuleCode.overtime)

    def test_up_to_the_threshold_passes(self) -> None:
        assert (
            check(
                shift("e", date(2024, 3, 8), "08:00", "16:00"),
                *week_of_days(8, 4),
                rules=self.rules,
            )
            == []
        )

    def test_overtime_hours_and_cost(self) -> None:
        new = shift("e", date(2024, 3, 8), "08:00", "18:30")
        [v] = check(new, *week_of_days(8, 4), rules=self.rules, rate="20.00")
        assert v.severity is Severity.soft
        assert v.amount == Decimal("2.50")
        assert v.cost == Decimal("75.00")  # 2.5 h × 20 × 1.5
        assert "75.00" in v.message

    def test_without_a_rate_there_is_no_cost(self) -> None:
        new = shift("e", date(2024, 3, 8), "08:00", "18:00")
        [v] = check(new, *week_of_days(8, 4), rules=self.rules)
        assert v.cost is None

    def test_multiplier_is_configurable(self) -> None:
        rules = self.rules.with_rule(RuleCode.overtime, multiplier=2, hours_per_week=35)
        new = shift("e", date(2024, 3, 8), "08:00", "16:00")
        [v] = check(new, *week_of_days(8, 4), rules=rules, rate="10")
        assert (v.amount, v.cost) == (Decimal("5.00"), Decimal("100.00"))
