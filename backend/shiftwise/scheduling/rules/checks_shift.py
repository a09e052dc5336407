"""Rules that judge one shift against the person: status, skills, time off,
availability and the shift's own length."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shiftwise.scheduling.rules.config import RuleCode, RuleConfig
from shiftwise.scheduling.rules.facts import Availability, Interval, PersonFacts, ShiftFact
from shiftwise.scheduling.rules.timeline import Found, Timeline, span
from shiftwise.scheduling.rules.violations import (
    Record,
    RecordKind,
    fmt_day,
    fmt_hours,
    fmt_local,
    fmt_span,
    hours,
)

_DAY = timedelta(days=1)


def inactive_person(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    if tl.person.active:
        return
    person = Record(RecordKind.person, tl.person.person_id)
    for i in tl.targets():
        yield tl.found(
            RuleCode.inactive_person,
            cfg,
            f"The person is inactive and cannot work the shift {span(tl.shifts[i])}.",
            (i,),
            extra=(person,),
            local_date=tl.shifts[i].local_date,
        )


def time_off(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    periods = tl.person.time_off
    if not periods:
        return
    for i in tl.targets():
        shift = tl.shifts[i]
        for period in periods:
            if period.starts_at < shift.ends_at and shift.starts_at < period.ends_at:
                zone = shift.zone
                off = fmt_span(period.starts_at.astimezone(zone), period.ends_at.astimezone(zone))
                yield tl.found(
                    RuleCode.time_off,
                    cfg,
                    f"The shift {span(shift)} falls in approved time off {off}.",
                    (i,),
                    extra=(Record(RecordKind.time_off, period.id),),
                    local_date=shift.local_date,
                )


def skill_required(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    for i in tl.targets():
        shift = tl.shifts[i]
        if shift.skill_id is not None and shift.skill_id not in tl.person.skill_expiry:
            yield tl.found(
                RuleCode.skill_required,
                cfg,
                f"The shift {span(shift)} needs a skill the person does not have.",
                (i,),
                extra=(Record(RecordKind.skill, shift.skill_id),),
                local_date=shift.local_date,
            )


def skill_expired(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    skills = tl.person.skill_expiry
    for i in tl.targets():
        shift = tl.shifts[i]
        if shift.skill_id is None:
            continue
        # The expiry is the last valid local date; the shift's date is its local start.
        expires = skills.get(shift.skill_id)
        if expires is not None and shift.local_date > expires:
            yield tl.found(
                RuleCode.skill_expired,
                cfg,
                f"The required skill expired after {fmt_day(expires)}; "
                f"the shift starts {fmt_local(shift.local_start)}.",
                (i,),
                extra=(Record(RecordKind.skill, shift.skill_id),),
                local_date=shift.local_date,
            )


def max_shift_length(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    limit = cfg.minutes("hours")
    if limit is None:
        return
    for i in tl.targets():
        shift = tl.shifts[i]
        if shift.elapsed_minutes > limit:
            yield tl.found(
                RuleCode.max_shift_length,
                cfg,
                f"The shift {span(shift)} lasts {fmt_hours(shift.elapsed_minutes)} "
                f"(maximum {fmt_hours(limit)}).",
                (i,),
                local_date=shift.local_date,
                amount=hours(shift.elapsed_minutes),
                limit=hours(limit),
            )


# Availability -----------------------------------------------------------------


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def _compute_day(person: PersonFacts, day: date, zone: ZoneInfo) -> tuple[Interval, ...]:
    exceptions = person.exceptions_by_day.get(day)
    if exceptions is not None:
        found: list[Interval] = []
        for exc in exceptions:
            if exc.start is None or exc.end is None:
                found.append(
                    (_local(day, time(0), zone), _local(day + _DAY, time(0), zone), exc.status)
                )
            else:
                end_day = day + _DAY if exc.end <= exc.start else day
                found.append(
                    (_local(day, exc.start, zone), _local(end_day, exc.end, zone), exc.status)
                )
        return tuple(found)
    return tuple(
        (
            _local(day, slot.start, zone),
            _local(day + _DAY if slot.end <= slot.start else day, slot.end, zone),
            slot.status,
        )
        for slot in person.pattern_by_weekday.get(day.weekday(), ())
    )


def _day_intervals(person: PersonFacts, day: date, shift: ShiftFact) -> tuple[Interval, ...]:
    """The slots that begin on local `day`, as UTC intervals in the shift's zone
    (a dated exception replaces the weekly pattern of its day). Cached on the facts."""
    key = (day, shift.time_zone)
    found = person.day_intervals.get(key)
    if found is None:
        found = person.day_intervals[key] = _compute_day(person, day, shift.zone)
    return found


def _intervals(person: PersonFacts, shift: ShiftFact) -> list[Interval]:
    # A slot from the day before can run past midnight into the shift.
    day = shift.local_date - _DAY
    last = shift.local_end.date()
    found: list[Interval] = []
    while day <= last:
        found.extend(_day_intervals(person, day, shift))
        day += _DAY
    return found


def unavailable(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    person = tl.person
    if Availability.unavailable not in person.availability_statuses:
        return
    for i in tl.targets():
        shift = tl.shifts[i]
        for start, end, status in _intervals(person, shift):
            if (
                status is Availability.unavailable
                and start < shift.ends_at
                and shift.starts_at < end
            ):
                local = fmt_span(start.astimezone(shift.zone), end.astimezone(shift.zone))
                yield tl.found(
                    RuleCode.unavailable,
                    cfg,
                    f"The person is unavailable {local}, during the shift {span(shift)}.",
                    (i,),
                    local_date=shift.local_date,
                )
                break


def not_preferred(tl: Timeline, cfg: RuleConfig) -> Iterator[Found]:
    """Warns when the person marked preferred time on the shift's day and the
    shift is not wholly inside it. People without preferences never warn."""
    person = tl.person
    if Availability.preferred not in person.availability_statuses:
        return
    for i in tl.targets():
        shift = tl.shifts[i]
        day_slots = _day_intervals(person, shift.local_date, shift)
        if not any(status is Availability.preferred for _, _, status in day_slots):
            continue
        preferred = sorted(
            (start, end)
            for start, end, status in _intervals(person, shift)
            if status is Availability.preferred
        )
        covered_to = shift.starts_at
        for start, end in preferred:
            if start > covered_to:
                break
            covered_to = max(covered_to, end)
        if covered_to < shift.ends_at:
            yield tl.found(
                RuleCode.not_preferred,
                cfg,
                f"The shift {span(shift)} is outside the person's preferred hours.",
                (i,),
                local_date=shift.local_date,
            )
