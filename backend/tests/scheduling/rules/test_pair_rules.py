"""Rules between two shifts: overlap, minimum rest, forbidden successions."""

from __future__ import annotations

from datetime import date, timedelta

from shiftwise.scheduling.rules import RuleCode, Severity, derive_kind
from tests.scheduling.rules.builders import check, codes, only, shift

MON = date(2024, 3, 4)
TUE = MON + timedelta(days=1)


class TestOverlap:
    rules = only(RuleCode.overlap)

    def test_overlapping_shifts_are_hard(self) -> None:
        [v] = check(
            shift("b", MON, "12:00", "20:00"), shift("a", MON, "09:00", "17:00"), rules=self.rules
        )
        assert v.severity is Severity.hard
        assert v.shift_ids == ("a", "b")
        assert "09:00–17:00 GMT" in v.message

    def test_back_to_back_shifts_do_not_overlap(self) -> None:
        assert (
            check(
                shift("b", MON, "17:00", "22:00"),
                shift("a", MON, "09:00", "17:00"),
                rules=self.rules,
            )
            == []
        )
        assert (
            check(
                shift("a", MON, "09:00", "17:00"),
                shift("b", MON, "17:00", "22:00"),
                rules=self.rules,
            )
            == []
        )

    def test_a_shift_inside_another(self) -> None:
        found = check(
            shift("b", MON, "10:00", "11:00"), shift("a", MON, "09:00", "17:00"), rules=self.rules
        )
        assert codes(found) == [RuleCode.overlap]

    def test_a_long_shift_overlapping_a_later_one_past_a_short_one(self) -> None:
        long = shift("long", MON, "08:00", "20:00")
        short = shift("short", MON, "09:00", "10:00")
        found = check(shift("late", MON, "18:00", "22:00"), long, short, rules=self.rules)
        assert [v.shift_ids for v in found] == [("long", "late")]

    def test_the_same_shift_twice_is_a_double_booking(self) -> None:
        s = shift("a", MON, "09:00", "17:00")
        [v] = check(shift("a", MON, "09:00", "17:00"), s, rules=self.rules)
        assert "already assigned" in v.message

    def test_overlap_across_zones_compares_instants(self) -> None:
        # 09:00–17:00 London is 05:00–13:00 New York (before the US change on the 10th? no:
        # 4 March both are on standard time, 5 hours apart).
        london = shift("a", MON, "09:00", "17:00")
        ny = shift("b", MON, "11:00", "13:00", zone="America/New_York")  # 16:00–18:00 GMT
        assert codes(check(ny, london, rules=self.rules)) == [RuleCode.overlap]


class TestMinRest:
    rules = only(RuleCode.min_rest)

    def test_exactly_the_minimum_passes(self) -> None:
        assert (
            check(
                shift("b", TUE, "08:00", "16:00"),
                shift("a", MON, "13:00", "21:00"),
                rules=self.rules,
            )
            == []
        )

    def test_one_minute_short_is_hard_with_the_rest_measured(self) -> None:
        [v] = check(
            shift("b", TUE, "07:59", "16:00"), shift("a", MON, "13:00", "21:00"), rules=self.rules
        )
        assert v.severity is Severity.hard
        assert v.shift_ids == ("a", "b")
        assert "10 h 59 min" in v.message
        assert "Mon 4 Mar 2024 21:00 GMT" in v.message

    def test_rest_is_checked_before_and_after_the_new_shift(self) -> None:
        before = shift("a", MON, "06:00", "10:00")
        after = shift("c", MON, "20:00", "23:00")
        found = check(shift("b", MON, "12:00", "16:00"), before, after, rules=self.rules)
        assert sorted(v.shift_ids for v in found) == [("a", "b"), ("b", "c")]

    def test_back_to_back_shifts_have_zero_rest(self) -> None:
        found = check(
            shift("b", MON, "17:00", "22:00"), shift("a", MON, "09:00", "17:00"), rules=self.rules
        )
        assert codes(found) == [RuleCode.min_rest]

    def test_overlaps_are_not_reported_as_short_rest(self) -> None:
        assert (
            check(
                shift("b", MON, "12:00", "20:00"),
                shift("a", MON, "09:00", "17:00"),
                rules=self.rules,
            )
            == []
        )

    def test_rest_across_the_autumn_change_is_real_time(self) -> None:
        # Ends Sat 26 Oct 22:00 BST; next starts Sun 27 Oct 08:00 GMT = 11 real hours.
        first = shift("a", date(2024, 10, 26), "14:00", "22:00")
        second = shift("b", date(2024, 10, 27), "08:00", "16:00")
        assert check(second, first, rules=self.rules) == []
        # In spring the same wall times give only 9 real hours.
        first = shift("a", date(2024, 3, 30), "14:00", "22:00")
        second = shift("b", date(2024, 3, 31), "08:00", "16:00")
        [v] = check(second, first, rules=self.rules)
        assert "9 h" in v.message

    def test_configurable_minimum(self) -> None:
        rules = self.rules.with_rule(RuleCode.min_rest, hours=8)
        assert (
            check(shift("b", TUE, "05:00", "13:00"), shift("a", MON, "13:00", "21:00"), rules=rules)
            == []
        )


class TestForbiddenSuccession:
    rules = only(RuleCode.forbidden_succession)

    def test_kinds_from_local_start_hour(self) -> None:
        from datetime import time

        assert [derive_kind(time(h)) for h in (3, 4, 9, 10, 13, 14, 19, 20, 23)] == [
            "night", "early", "early", "day", "day", "late", "late", "night", "night",
        ]  # fmt: skip

    def test_early_after_night_is_hard(self) -> None:
        night = shift("n", MON, "22:00", "06:00")
        [v] = check(shift("e", date(2024, 3, 6), "05:00", "13:00"), night, rules=self.rules)
        assert v.severity is Severity.hard
        assert v.message.startswith("An early shift")

    def test_early_a_full_window_after_the_night_passes(self) -> None:
        night = shift("n", MON, "22:00", "06:00")  # ends Tue 06:00
        assert check(shift("e", date(2024, 3, 6), "06:00", "14:00"), night, rules=self.rules) == []

    def test_night_after_early_is_allowed(self) -> None:
        early = shift("e", MON, "06:00", "14:00")
        assert check(shift("n", MON, "22:00", "06:00"), early, rules=self.rules) == []

    def test_given_kinds_win_over_derived_ones(self) -> None:
        night = shift("n", MON, "22:00", "06:00", kind="sleep-in")
        assert check(shift("e", TUE, "18:00", "23:00", kind="early"), night, rules=self.rules) == []
        rules = self.rules.with_rule(RuleCode.forbidden_succession, pairs=[["sleep-in", "early"]])
        found = check(shift("e", TUE, "18:00", "23:00", kind="early"), night, rules=rules)
        assert codes(found) == [RuleCode.forbidden_succession]

    def test_only_configured_pairs_are_forbidden(self) -> None:
        late = shift("l", MON, "14:00", "22:00")
        assert check(shift("e", TUE, "06:00", "14:00"), late, rules=self.rules) == []
        rules = self.rules.with_rule(RuleCode.forbidden_succession, pairs=[["late", "early"]])
        assert codes(check(shift("e", TUE, "06:00", "14:00"), late, rules=rules)) == [
            RuleCode.forbidden_succession
        ]
