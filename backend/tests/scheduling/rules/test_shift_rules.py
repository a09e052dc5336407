"""Per-shift rules: inactive person, skills and expiry, time off, availability, length."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import pytest

from shiftwise.scheduling.rules import (
    Availability,
    AvailabilityException,
    AvailabilitySlot,
    PersonFacts,
    Record,
    RecordKind,
    RuleCode,
    Severity,
    ShiftFact,
    TimeOff,
    check_assignment,
)
from tests.scheduling.rules.builders import LONDON, NEW_YORK, check, codes, local, only, shift

MON = date(2024, 3, 4)  # a Monday


class TestInactivePerson:
    def test_inactive_person_is_a_hard_violation_naming_the_person(self) -> None:
        found = check(shift("s", MON, "09:00", "17:00"), active=False)
        [v] = [v for v in found if v.code is RuleCode.inactive_person]
        assert v.severity is Severity.hard
        assert Record(RecordKind.person, "person-1") in v.records

    def test_active_person_passes(self) -> None:
        assert check(shift("s", MON, "09:00", "17:00"), rules=only(RuleCode.inactive_person)) == []


class TestSkills:
    rules = only(RuleCode.skill_required, RuleCode.skill_expired)

    def test_missing_skill(self) -> None:
        [v] = check(shift("s", MON, "09:00", "17:00", skill="rn"), rules=self.rules)
        assert v.code is RuleCode.skill_required
        assert v.records == (Record(RecordKind.shift, "s"), Record(RecordKind.skill, "rn"))

    def test_shift_without_skill_needs_none(self) -> None:
        assert check(shift("s", MON, "09:00", "17:00"), rules=self.rules) == []

    def test_skill_without_expiry(self) -> None:
        s = shift("s", MON, "09:00", "17:00", skill="rn")
        assert check(s, rules=self.rules, skills={"rn": None}) == []

    def test_expiry_date_is_the_last_valid_day(self) -> None:
        s = shift("s", MON, "09:00", "17:00", skill="rn")
        assert check(s, rules=self.rules, skills={"rn": MON}) == []
        [v] = check(s, rules=self.rules, skills={"rn": date(2024, 3, 3)})
        assert v.code is RuleCode.skill_expired
        assert "Sun 3 Mar 2024" in v.message

    def test_expiry_uses_the_shifts_local_date_not_utc(self) -> None:
        # 20:00 in New York on 4 March is already 5 March in UTC.
        s = shift("s", MON, "20:00", "23:00", zone=NEW_YORK, skill="rn")
        assert s.starts_at.date() == date(2024, 3, 5)
        assert check(s, rules=self.rules, skills={"rn": MON}) == []

    def test_expiry_before_local_date_even_if_utc_date_is_earlier(self) -> None:
        # 00:30 BST on 1 April is still 31 March in UTC; the local date counts.
        s = shift("s", date(2024, 4, 1), "00:30", "06:00", skill="rn")
        assert s.starts_at.date() == date(2024, 3, 31)
        [v] = check(s, rules=self.rules, skills={"rn": date(2024, 3, 31)})
        assert v.code is RuleCode.skill_expired

    def test_night_shift_expiring_at_midnight_is_judged_on_its_start(self) -> None:
        s = shift("s", MON, "22:00", "06:00", skill="rn")
        assert check(s, rules=self.rules, skills={"rn": MON}) == []


class TestTimeOff:
    rules = only(RuleCode.time_off)

    def test_overlapping_time_off_is_hard_and_names_it(self) -> None:
        off = TimeOff("to-1", local(MON, "12:00"), local(date(2024, 3, 6), "00:00"))
        [v] = check(shift("s", MON, "09:00", "17:00"), rules=self.rules, time_off=(off,))
        assert v.severity is Severity.hard
        assert Record(RecordKind.time_off, "to-1") in v.records
        assert "Mon 4 Mar 2024 12:00 GMT" in v.message

    def test_half_open_time_off_touching_the_shift_passes(self) -> None:
        before = TimeOff("a", local(date(2024, 3, 1), "00:00"), local(MON, "09:00"))
        after = TimeOff("b", local(MON, "17:00"), local(date(2024, 3, 8), "00:00"))
        found = check(shift("s", MON, "09:00", "17:00"), rules=self.rules, time_off=(before, after))
        assert found == []

    def test_time_off_given_in_utc_is_compared_as_instants(self) -> None:
        # 09:00 in New York on 11 March (after the spring change, UTC-4) is 13:00 UTC.
        s = shift("s", date(2024, 3, 11), "09:00", "17:00", zone=NEW_YORK)
        noon = datetime(2024, 3, 11, 12, 0, tzinfo=UTC)
        touching = TimeOff("x", noon, datetime(2024, 3, 11, 13, 0, tzinfo=UTC))
        assert check(s, rules=self.rules, time_off=(touching,)) == []
        reaching = TimeOff("y", noon, datetime(2024, 3, 11, 13, 1, tzinfo=UTC))
        [v] = check(s, rules=self.rules, time_off=(reaching,))
        assert "09:01 EDT" in v.message


class TestAvailability:
    rules = only(RuleCode.unavailable, RuleCode.not_preferred)

    def test_no_availability_means_no_opinion(self) -> None:
        assert check(shift("s", MON, "09:00", "17:00"), rules=self.rules) == []

    def test_unavailable_slot_overlapping_is_hard(self) -> None:
        slot = AvailabilitySlot(0, time(16), time(20), Availability.unavailable)
        [v] = check(shift("s", MON, "09:00", "17:00"), rules=self.rules, availability=(slot,))
        assert (v.code, v.severity) == (RuleCode.unavailable, Severity.hard)
        assert "16:00–20:00 GMT" in v.message

    def test_unavailable_slot_touching_passes(self) -> None:
        slot = AvailabilitySlot(0, time(17), time(20), Availability.unavailable)
        assert (
            check(shift("s", MON, "09:00", "17:00"), rules=self.rules, availability=(slot,)) == []
        )

    def test_unavailable_on_another_weekday_passes(self) -> None:
        slot = AvailabilitySlot(1, time(0), time(0), Availability.unavailable)
        assert (
            check(shift("s", MON, "09:00", "17:00"), rules=self.rules, availability=(slot,)) == []
        )

    def test_overnight_slot_from_the_previous_day_reaches_into_the_shift(self) -> None:
        # Sunday 22:00 – Monday 08:00 unavailable; Monday 07:00 shift overlaps.
        slot = AvailabilitySlot(6, time(22), time(8), Availability.unavailable)
        found = check(shift("s", MON, "07:00", "15:00"), rules=self.rules, availability=(slot,))
        assert codes(found) == [RuleCode.unavailable]

    def test_night_shift_reaching_an_unavailable_next_morning(self) -> None:
        slot = AvailabilitySlot(1, time(5), time(12), Availability.unavailable)
        found = check(shift("s", MON, "22:00", "06:00"), rules=self.rules, availability=(slot,))
        assert codes(found) == [RuleCode.unavailable]

    def test_dated_exception_replaces_the_pattern_of_that_day(self) -> None:
        slot = AvailabilitySlot(0, time(0), time(0), Availability.unavailable)
        exc = AvailabilityException(MON, Availability.available)
        facts: dict[str, Any] = {"availability": (slot,), "availability_exceptions": (exc,)}
        assert check(shift("s", MON, "09:00", "17:00"), rules=self.rules, **facts) == []
        next_monday = date(2024, 3, 11)
        assert codes(
            check(shift("t", next_monday, "09:00", "17:00"), rules=self.rules, **facts)
        ) == [RuleCode.unavailable]

    def test_dated_unavailable_exception_with_hours(self) -> None:
        exc = AvailabilityException(MON, Availability.unavailable, time(8), time(10))
        found = check(
            shift("s", MON, "09:00", "17:00"), rules=self.rules, availability_exceptions=(exc,)
        )
        assert codes(found) == [RuleCode.unavailable]

    def test_shift_outside_preferred_hours_is_a_soft_warning(self) -> None:
        slot = AvailabilitySlot(0, time(6), time(14), Availability.preferred)
        [v] = check(shift("s", MON, "09:00", "17:00"), rules=self.rules, availability=(slot,))
        assert (v.code, v.severity) == (RuleCode.not_preferred, Severity.soft)

    def test_shift_inside_preferred_hours_passes(self) -> None:
        slots = (
            AvailabilitySlot(0, time(6), time(12), Availability.preferred),
            AvailabilitySlot(0, time(12), time(18), Availability.preferred),
        )
        assert check(shift("s", MON, "09:00", "17:00"), rules=self.rules, availability=slots) == []

    def test_no_preference_on_that_day_does_not_warn(self) -> None:
        slot = AvailabilitySlot(2, time(6), time(14), Availability.preferred)
        assert (
            check(shift("s", MON, "09:00", "17:00"), rules=self.rules, availability=(slot,)) == []
        )

    def test_severities_are_configurable(self) -> None:
        rules = self.rules.with_rule(RuleCode.unavailable, severity=Severity.soft)
        slot = AvailabilitySlot(0, time(0), time(0), Availability.unavailable)
        [v] = check(shift("s", MON, "09:00", "17:00"), rules=rules, availability=(slot,))
        assert v.severity is Severity.soft

    def test_slot_local_times_follow_the_shifts_zone_across_dst(self) -> None:
        # Sunday 31 March 2024 (clocks go forward): 09:00 BST slot, 09:00 BST shift.
        sunday = date(2024, 3, 31)
        slot = AvailabilitySlot(6, time(9), time(17), Availability.preferred)
        assert (
            check(shift("s", sunday, "09:00", "17:00"), rules=self.rules, availability=(slot,))
            == []
        )


class TestMaxShiftLength:
    rules = only(RuleCode.max_shift_length)

    def test_exactly_the_maximum_passes(self) -> None:
        assert check(shift("s", MON, "07:00", "19:00"), rules=self.rules) == []

    def test_longer_is_hard_and_carries_hours(self) -> None:
        [v] = check(shift("s", MON, "07:00", "19:30"), rules=self.rules)
        assert v.severity is Severity.hard
        assert (v.amount, v.limit) == (Decimal("12.50"), Decimal(12))

    def test_length_is_elapsed_time_including_the_break(self) -> None:
        assert codes(
            check(shift("s", MON, "07:00", "19:30", break_minutes=60), rules=self.rules)
        ) == [RuleCode.max_shift_length]

    def test_autumn_night_is_measured_in_real_hours(self) -> None:
        rules = self.rules.with_rule(RuleCode.max_shift_length, hours=8)
        autumn = shift("s", date(2024, 10, 26), "22:00", "06:00")  # 9 real hours
        assert codes(check(autumn, rules=rules)) == [RuleCode.max_shift_length]
        spring = shift("t", date(2024, 3, 30), "22:00", "06:00")  # 7 real hours
        assert check(spring, rules=rules) == []


def test_shift_facts_reject_naive_and_backwards_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        ShiftFact("x", "l", datetime(2024, 1, 1), datetime(2024, 1, 2), LONDON)  # noqa: DTZ001
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    with pytest.raises(ValueError, match="end after"):
        ShiftFact("x", "l", start, start, LONDON)
    with pytest.raises(ValueError, match="break"):
        shift("s", MON, "09:00", "10:00", break_minutes=60)


def test_person_facts_accept_lists() -> None:
    s = shift("s", MON, "09:00", "17:00")
    p = PersonFacts("p", assignments=[s])  # type: ignore[arg-type]
    assert p.assignments == (s,)
    assert check_assignment(shift("t", MON, "10:00", "11:00"), p, only(RuleCode.overlap))
