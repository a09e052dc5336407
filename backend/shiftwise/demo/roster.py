"""The demo's people and four weeks of shifts, planned as plain data (no database).

Assignments are made greedily in start order: a person is only put on a shift at a site
they work at, with the shift's skill valid on its local date, at least REST after their
previous shift ends (so never overlapping), and within their weekly hours. About one
seat in fourteen is left open on purpose, so coordinators have gaps to fill.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from shiftwise.demo.catalogue import (
    ACTIVITIES,
    CARE,
    DRIVER,
    FIRST_NAMES,
    KITCHEN,
    LAST_NAMES,
    NURSE,
    PATTERNS,
    SENIOR,
    SITES,
    Pattern,
    Site,
)

WEEKS = 4
PUBLISHED_WEEKS = 2
REST = timedelta(hours=11)
MAX_SHIFTS_PER_WEEK = 5
OPEN_SEAT_SHARE = 0.07

# Hourly rates by site currency (GBP for the UK sites, USD for Brooklyn).
RATES: dict[str, dict[str, Decimal]] = {
    "uk": {
        NURSE: Decimal("21.50"),
        SENIOR: Decimal("14.20"),
        CARE: Decimal("12.60"),
        KITCHEN: Decimal("12.00"),
        DRIVER: Decimal("13.10"),
        ACTIVITIES: Decimal("12.80"),
    },
    "us": {
        NURSE: Decimal("44.00"),
        SENIOR: Decimal("24.50"),
        CARE: Decimal("19.75"),
        KITCHEN: Decimal("18.50"),
        DRIVER: Decimal("21.00"),
        ACTIVITIES: Decimal("20.00"),
    },
}


@dataclass
class PlannedPerson:
    index: int
    name: str
    email: str
    phone: str
    site: Site
    primary_skill: str
    skills: dict[str, date | None]
    employment: str  # an EmploymentType value
    contracted_hours: Decimal | None
    max_hours: Decimal
    hourly_rate: Decimal
    # Sites this person may be rostered at (bank staff float between the London sites).
    works_at: frozenset[str]
    payroll_id: str


@dataclass
class PlannedShift:
    index: int
    site: Site
    pattern: Pattern
    local_date: date
    week: int
    starts_at: datetime
    ends_at: datetime
    published: bool

    @property
    def paid_hours(self) -> Decimal:
        seconds = (self.ends_at - self.starts_at).total_seconds() - 60 * self.pattern.break_minutes
        return Decimal(seconds) / Decimal(3600)


@dataclass
class Plan:
    monday: date
    people: list[PlannedPerson]
    shifts: list[PlannedShift]
    # (shift index, person index), one per filled seat.
    assignments: list[tuple[int, int]] = field(default_factory=list)
    open_seats: int = 0


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def shift_instants(day: date, pattern: Pattern, zone: str) -> tuple[datetime, datetime]:
    """UTC start and end of a pattern on a local date; each end is placed in local time
    separately, so a night across a daylight-saving change has its true length."""
    tz = ZoneInfo(zone)
    end_day = day + timedelta(days=1) if pattern.end <= pattern.start else day
    starts = datetime.combine(day, pattern.start, tzinfo=tz)
    ends = datetime.combine(end_day, pattern.end, tzinfo=tz)
    return starts.astimezone(UTC), ends.astimezone(UTC)


def plan(today: date, seed: int) -> Plan:
    rng = random.Random(seed)
    monday = monday_of(today)
    people = _people(rng, monday)
    shifts = _shifts(monday)
    result = Plan(monday=monday, people=people, shifts=shifts)
    _fill(result, rng)
    return result


def _people(rng: random.Random, monday: date) -> list[PlannedPerson]:
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    people: list[PlannedPerson] = []

    def add(site: Site, skill: str, *, bank: bool = False) -> PlannedPerson:
        index = len(people)
        name = names[index]
        slug = name.lower().replace("'", "").replace(" ", ".")
        skills: dict[str, date | None] = {skill: None}
        if skill == SENIOR:
            skills[CARE] = None
        if skill == DRIVER:
            skills[CARE] = None
        if bank:
            employment, contracted, max_hours = "casual", None, Decimal(24)
        elif skill in {DRIVER, ACTIVITIES}:
            employment, contracted, max_hours = "part_time", Decimal(20), Decimal(24)
        else:
            employment = rng.choices(["full_time", "part_time", "casual"], [6, 3, 1])[0]
            if employment == "full_time":
                contracted, max_hours = Decimal("37.5"), Decimal(48)
            elif employment == "part_time":
                contracted = Decimal(rng.choice([16, 20, 24, 30]))
                max_hours = contracted + 8
            else:
                contracted, max_hours = None, Decimal(24)
        currency = "us" if site.time_zone.startswith("America/") else "uk"
        person = PlannedPerson(
            index=index,
            name=name,
            email=f"{slug}@{site.key}.harbourview.example",
            # Numbers reserved for drama: Ofcom 07700 900xxx, and 555-01xx in the US.
            phone=f"+1 212 555 01{index % 100:02d}"
            if currency == "us"
            else f"+44 7700 900{index:03d}",
            site=site,
            primary_skill=skill,
            skills=skills,
            employment=employment,
            contracted_hours=contracted,
            max_hours=max_hours,
            hourly_rate=RATES[currency][skill],
            works_at=frozenset({"house", "quayside"}) if bank else frozenset({site.key}),
            payroll_id=f"HV{1000 + index}",
        )
        people.append(person)
        return person

    for site in SITES:
        for skill, count in site.staff.items():
            for _ in range(count):
                add(site, skill)
    london = SITES[0]
    for skill in (NURSE, NURSE, CARE, CARE, CARE, CARE):
        add(london, skill, bank=True)

    # Registrations and licences that lapse during the demo period, and one long gone.
    for site in SITES:
        nurses = [p for p in people if p.site is site and p.primary_skill == NURSE]
        nurses[-1].skills[NURSE] = monday + timedelta(days=rng.randint(9, 20))
        for p in nurses[:-1]:
            p.skills[NURSE] = monday + timedelta(days=rng.randint(120, 400))
        for p in people:
            if p.site is site and DRIVER in p.skills:
                p.skills[DRIVER] = monday + timedelta(days=rng.randint(60, 300))
    drivers = [p for p in people if p.primary_skill == DRIVER]
    drivers[0].skills[DRIVER] = monday + timedelta(days=11)
    carers = [p for p in people if p.primary_skill == CARE]
    carers[3].skills[DRIVER] = monday - timedelta(days=40)
    return people


def _shifts(monday: date) -> list[PlannedShift]:
    shifts: list[PlannedShift] = []
    for site in SITES:
        for offset in range(7 * WEEKS):
            day = monday + timedelta(days=offset)
            for pattern in PATTERNS:
                if pattern.skill not in site.staff:
                    continue
                if pattern.weekdays_only and day.weekday() >= 5:
                    continue
                starts, ends = shift_instants(day, pattern, site.time_zone)
                shift = PlannedShift(
                    index=0,
                    site=site,
                    pattern=pattern,
                    local_date=day,
                    week=offset // 7,
                    starts_at=starts,
                    ends_at=ends,
                    published=offset < 7 * PUBLISHED_WEEKS,
                )
                shifts.append(shift)
    shifts.sort(key=lambda s: (s.starts_at, s.site.key, s.pattern.skill))
    for index, shift in enumerate(shifts):
        shift.index = index
    return shifts


def skill_valid(person: PlannedPerson, skill: str, day: date) -> bool:
    if skill not in person.skills:
        return False
    expires = person.skills[skill]
    return expires is None or day <= expires


def _fill(result: Plan, rng: random.Random) -> None:
    last_end: dict[int, datetime] = {}
    hours: dict[tuple[int, int], Decimal] = {}
    count: dict[tuple[int, int], int] = {}
    for shift in result.shifts:
        chosen: set[int] = set()
        for _seat in range(shift.pattern.headcount):
            if rng.random() < OPEN_SEAT_SHARE:
                result.open_seats += 1
                continue
            candidates = [
                p
                for p in result.people
                if p.index not in chosen
                and shift.site.key in p.works_at
                and skill_valid(p, shift.pattern.skill, shift.local_date)
                and (p.index not in last_end or last_end[p.index] + REST <= shift.starts_at)
                and count.get((p.index, shift.week), 0) < MAX_SHIFTS_PER_WEEK
                and hours.get((p.index, shift.week), Decimal(0)) + shift.paid_hours
                <= (p.contracted_hours or p.max_hours)
            ]
            if not candidates:
                result.open_seats += 1
                continue
            # Those furthest below their hours first; primary skill before a second skill.
            person = min(
                candidates,
                key=lambda p: (
                    p.primary_skill != shift.pattern.skill,
                    hours.get((p.index, shift.week), Decimal(0))
                    / (p.contracted_hours or p.max_hours),
                    rng.random(),
                ),
            )
            chosen.add(person.index)
            key = (person.index, shift.week)
            last_end[person.index] = shift.ends_at
            hours[key] = hours.get(key, Decimal(0)) + shift.paid_hours
            count[key] = count.get(key, 0) + 1
            result.assignments.append((shift.index, person.index))
