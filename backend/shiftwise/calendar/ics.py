"""RFC 5545 rendering of a person's shifts: plain data in, iCalendar bytes out."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event


@dataclass(frozen=True)
class FeedShift:
    assignment_id: uuid.UUID
    starts_at: datetime  # aware UTC
    ends_at: datetime
    time_zone: str  # the location's IANA zone
    location_name: str
    location_address: str | None
    skill_name: str | None
    notes: str | None
    cancelled: bool
    modified_at: datetime


def render(
    person_name: str, shifts: Sequence[FeedShift], *, uid_domain: str, now: datetime
) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Shiftwise//Shift feed//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Shifts – {person_name}")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for shift in shifts:
        zone = ZoneInfo(shift.time_zone)
        event = Event()
        event.add("uid", f"{shift.assignment_id}@{uid_domain}")
        event.add("dtstamp", now)
        event.add("last-modified", shift.modified_at)
        event.add("dtstart", shift.starts_at.astimezone(zone))
        event.add("dtend", shift.ends_at.astimezone(zone))
        title = shift.skill_name or "Shift"
        event.add("summary", f"{title} at {shift.location_name}")
        where = shift.location_name
        if shift.location_address:
            where = f"{where}, {shift.location_address}"
        event.add("location", where)
        if shift.notes:
            event.add("description", shift.notes)
        event.add("status", "CANCELLED" if shift.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT" if shift.cancelled else "OPAQUE")
        cal.add_component(event)
    if shifts:
        # VTIMEZONE rules for the span the feed covers (with a year either side).
        first = min(s.starts_at for s in shifts).date() - timedelta(days=366)
        last = max(s.ends_at for s in shifts).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return bytes(cal.to_ical())
