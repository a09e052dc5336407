"""Quiet hours: local wall times in the person's zone, wrapping midnight, across DST."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time

import pytest

from shiftwise.models import NotificationPreference
from shiftwise.notifications.preferences import (
    DEFAULT_CHANNELS,
    Channel,
    MessageKind,
    ResolvedPreferences,
    resolve,
)

LONDON = "Europe/London"
NEW_YORK = "America/New_York"


def prefs(zone: str, start: str | None, end: str | None) -> ResolvedPreferences:
    return ResolvedPreferences(
        recipient_id=uuid.uuid4(),
        time_zone=zone,
        quiet_hours_start=time.fromisoformat(start) if start else None,
        quiet_hours_end=time.fromisoformat(end) if end else None,
    )


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_no_window_or_an_empty_one_is_never_quiet() -> None:
    now = utc("2026-01-10T23:00")
    assert prefs(LONDON, None, None).quiet_until(now) is None
    assert prefs(LONDON, "22:00", None).quiet_until(now) is None
    assert prefs(LONDON, "22:00", "22:00").quiet_until(now) is None


@pytest.mark.parametrize(
    ("now", "until"),
    [
        ("2026-01-10T11:59", None),
        ("2026-01-10T12:00", "2026-01-10T14:00"),
        ("2026-01-10T13:59", "2026-01-10T14:00"),
        ("2026-01-10T14:00", None),  # the end is not inside
    ],
)
def test_a_daytime_window(now: str, until: str | None) -> None:
    got = prefs(LONDON, "12:00", "14:00").quiet_until(utc(now))
    assert got == (utc(until) if until else None)


@pytest.mark.parametrize(
    ("now", "until"),
    [
        ("2026-01-10T21:59", None),
        ("2026-01-10T22:00", "2026-01-11T07:00"),  # before midnight: ends tomorrow
        ("2026-01-10T23:30", "2026-01-11T07:00"),
        ("2026-01-11T06:00", "2026-01-11T07:00"),  # after midnight: ends today
        ("2026-01-11T07:00", None),
    ],
)
def test_a_window_wrapping_midnight_in_winter_london(now: str, until: str | None) -> None:
    got = prefs(LONDON, "22:00", "07:00").quiet_until(utc(now))
    assert got == (utc(until) if until else None)


def test_the_window_is_read_in_the_persons_zone() -> None:
    # 23:00 EDT on 30 June is 03:00 UTC on 1 July; 07:00 EDT is 11:00 UTC.
    p = prefs(NEW_YORK, "22:00", "07:00")
    assert p.quiet_until(utc("2026-07-01T03:00")) == utc("2026-07-01T11:00")
    # 21:00 UTC is 17:00 in New York: not quiet there, though it would be in London.
    assert p.quiet_until(utc("2026-07-01T21:00")) is None


def test_spring_forward_night_is_an_hour_shorter_in_both_zones() -> None:
    # New York, 8 March 2026: 23:00 EST (04:00 UTC) → 07:00 EDT (11:00 UTC).
    assert prefs(NEW_YORK, "22:00", "07:00").quiet_until(utc("2026-03-08T04:00")) == utc(
        "2026-03-08T11:00"
    )
    # London, 29 March 2026: 23:00 GMT → 07:00 BST (06:00 UTC).
    assert prefs(LONDON, "22:00", "07:00").quiet_until(utc("2026-03-28T23:00")) == utc(
        "2026-03-29T06:00"
    )


def test_fall_back_night_is_an_hour_longer_in_both_zones() -> None:
    # London, 25 October 2026: 23:00 BST (22:00 UTC) → 07:00 GMT (07:00 UTC).
    assert prefs(LONDON, "22:00", "07:00").quiet_until(utc("2026-10-24T22:00")) == utc(
        "2026-10-25T07:00"
    )
    # New York, 1 November 2026: 23:00 EDT (03:00 UTC) → 07:00 EST (12:00 UTC).
    assert prefs(NEW_YORK, "22:00", "07:00").quiet_until(utc("2026-11-01T03:00")) == utc(
        "2026-11-01T12:00"
    )


def test_an_end_skipped_by_spring_forward_ends_at_the_jump() -> None:
    # New York skips 02:00–03:00 on 8 March 2026; 02:30 never happens, so the window
    # ends when the clock jumps (07:00 UTC), not an hour later nor an hour early.
    p = prefs(NEW_YORK, "23:00", "02:30")
    assert p.quiet_until(utc("2026-03-08T06:30")) == utc("2026-03-08T07:00")  # 01:30 EST
    # London skips 01:00–02:00 on 29 March 2026.
    assert prefs(LONDON, "00:30", "01:30").quiet_until(utc("2026-03-29T00:45")) == utc(
        "2026-03-29T01:00"
    )


def test_an_end_in_the_repeated_hour_is_the_next_one_to_come() -> None:
    # London repeats 01:00–02:00 on 25 October 2026 (BST first, then GMT).
    p = prefs(LONDON, "00:30", "01:30")
    # 00:45 BST (23:45 UTC): the first 01:30 (BST, 00:30 UTC) comes next.
    assert p.quiet_until(utc("2026-10-24T23:45")) == utc("2026-10-25T00:30")
    # 01:15 GMT, the second pass (01:15 UTC): the first 01:30 is past, the second counts.
    assert p.quiet_until(utc("2026-10-25T01:15")) == utc("2026-10-25T01:30")


def test_resolve_keeps_defaults_for_kinds_not_stored() -> None:
    pid = uuid.uuid4()
    assert resolve(pid, None, LONDON).wants(MessageKind.reminder, Channel.sms)
    row = NotificationPreference(
        person_id=pid,
        channels={"reminder": ["in_app"], "retired_kind": ["email"]},
        time_zone=None,
        reminder_offsets_minutes=[60],
    )
    got = resolve(pid, row, NEW_YORK)
    assert not got.wants(MessageKind.reminder, Channel.sms)
    assert got.wants(MessageKind.reminder, Channel.in_app)
    assert got.channels[MessageKind.assigned] == DEFAULT_CHANNELS[MessageKind.assigned]
    assert got.time_zone == NEW_YORK
    assert got.reminder_offsets_minutes == (60,)
