"""One large organisation, bulk-inserted with SQLAlchemy core.

1,000 people at ten locations in two time zones, 20,000 shifts over four weeks, about
half of the seats filled (never overlapping, skills respected), and a reserve of
people with no shifts at all, from whom non-overlapping (shift, person) pairs are set
aside for the assignment benchmark to create.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from shiftwise.auth.passwords import hash_password
from shiftwise.auth.service import user_email_aad
from shiftwise.auth.tokens import digest, new_api_token
from shiftwise.kit.crypto import blind_index, cipher
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    ApiToken,
    Assignment,
    AssignmentSource,
    AssignmentState,
    EmploymentType,
    Location,
    Organisation,
    Person,
    PersonSkill,
    Role,
    Shift,
    ShiftState,
    Skill,
    User,
)
from shiftwise.people.contact import encrypt_contact

ZONES = ("Europe/London",) * 7 + ("America/New_York",) * 3
SKILLS = (
    "Registered nurse",
    "Care assistant",
    "Senior carer",
    "Kitchen",
    "Driver",
    "Cleaner",
    "Receptionist",
    "Porter",
)
STARTS = (time(6), time(7), time(8), time(9), time(12), time(14), time(15), time(22))
HOURS = (4, 6, 8, 8, 10, 12)
REST = timedelta(hours=12)
RESERVE_REST = timedelta(hours=36)
CHUNK = 2_000


@dataclass
class Dataset:
    organisation_id: uuid.UUID
    api_token: str
    monday: date
    location_ids: list[uuid.UUID]
    location_zones: list[str]
    people: int
    shifts: int
    assignments: int
    # Free (shift id, person id) pairs: open seat, held skill, no overlap among them.
    free_pairs: list[tuple[uuid.UUID, uuid.UUID]] = field(default_factory=list)

    def week(self, index: int, zone: str) -> tuple[datetime, datetime]:
        """UTC bounds of the index-th local week (Monday to Monday) in a zone."""
        start = datetime.combine(self.monday + timedelta(weeks=index), time(0), ZoneInfo(zone))
        return start.astimezone(UTC), (start + timedelta(days=7)).astimezone(UTC)


@dataclass
class _Shift:
    id: uuid.UUID
    location: int
    skill: int
    starts_at: datetime
    ends_at: datetime
    headcount: int
    week: int
    day: date
    filled: int = 0


def seeded_ids(seed: int) -> Callable[[], uuid.UUID]:
    """Random v4 ids from their own seeded generator: the same seed gives the same ids,
    so whatever a benchmark picks in id order (the people schedule_bench moves, say) is
    the same rows on every run, and the data's other random choices are unchanged."""
    rng = random.Random(f"ids-{seed}")
    return lambda: uuid.UUID(int=rng.getrandbits(128), version=4)


async def generate(
    engine: AsyncEngine,
    *,
    people: int = 1_000,
    shifts: int = 20_000,
    weeks: int = 4,
    reserve_share: float = 0.2,
    seed: int = 7,
    today: date | None = None,
) -> Dataset:
    rng = random.Random(seed)
    new_id = seeded_ids(seed)
    now = utcnow()
    monday = (today or now.date()) - timedelta(days=(today or now.date()).weekday())
    org_id = new_id()
    location_ids = [new_id() for _ in ZONES]
    skill_ids = [new_id() for _ in SKILLS]

    admin_id, token = new_id(), new_api_token()
    admin_email = f"admin+{org_id.hex[:8]}@bench.example"
    rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    rows[Organisation.__table__].append(
        {
            "id": org_id,
            "name": "Bench Health",
            "default_time_zone": "Europe/London",
            "week_start": 0,
            "settings": {},
            "created_at": now,
            "updated_at": now,
        }
    )
    rows[Location.__table__] = [
        {
            "id": loc,
            "organisation_id": org_id,
            "name": f"Site {i + 1:02d}",
            "time_zone": ZONES[i],
            "created_at": now,
            "updated_at": now,
        }
        for i, loc in enumerate(location_ids)
    ]
    rows[Skill.__table__] = [
        {
            "id": sk,
            "organisation_id": org_id,
            "name": SKILLS[i],
            "created_at": now,
            "updated_at": now,
        }
        for i, sk in enumerate(skill_ids)
    ]
    rows[User.__table__].append(
        {
            "id": admin_id,
            "organisation_id": org_id,
            "email_ciphertext": cipher().encrypt(admin_email, user_email_aad(admin_id)),
            "email_hash": blind_index(admin_email),
            "password_hash": hash_password(uuid.uuid4().hex),
            "role": Role.admin,
            "is_active": True,
            "created_at": now,
            "updated_at": now,
        }
    )
    rows[ApiToken.__table__].append(
        {
            "id": new_id(),
            "organisation_id": org_id,
            "user_id": admin_id,
            "name": "bench",
            "prefix": token[:8],
            "token_hash": digest(token),
            "created_at": now,
        }
    )

    # People: a home location, a main skill and sometimes a second one.
    person_ids = [new_id() for _ in range(people)]
    homes = [i % len(ZONES) for i in range(people)]
    held: list[set[int]] = []
    for i, pid in enumerate(person_ids):
        skills = {rng.randrange(len(SKILLS))}
        if rng.random() < 0.3:
            skills.add(rng.randrange(len(SKILLS)))
        held.append(skills)
        person = Person(id=pid)
        encrypt_contact(
            person, email=f"person{i}.{org_id.hex[:8]}@bench.example", phone=f"+447700{i:06d}"
        )
        rows[Person.__table__].append(
            {
                "id": pid,
                "organisation_id": org_id,
                "display_name": f"Person {i:04d}",
                "email_ciphertext": person.email_ciphertext,
                "email_hash": person.email_hash,
                "phone_ciphertext": person.phone_ciphertext,
                "employment_type": EmploymentType.full_time,
                "hourly_rate": Decimal("15.50"),
                "contracted_hours_per_week": Decimal("37.5"),
                "max_hours_per_week": Decimal(48),
                "home_location_id": location_ids[homes[i]],
                "is_active": True,
                "created_at": now,
                "updated_at": now,
            }
        )
        rows[PersonSkill.__table__].extend(
            {"person_id": pid, "skill_id": skill_ids[s], "expires_date": None} for s in skills
        )

    # Shifts, spread evenly over locations and days, in each location's local time.
    planned: list[_Shift] = []
    days = 7 * weeks
    for i in range(shifts):
        loc, day_index = i % len(ZONES), (i // len(ZONES)) % days
        day = monday + timedelta(days=day_index)
        starts = datetime.combine(day, rng.choice(STARTS), ZoneInfo(ZONES[loc]))
        ends = starts + timedelta(hours=rng.choice(HOURS))  # wall clock, as entered
        planned.append(
            _Shift(
                id=new_id(),
                location=loc,
                skill=rng.randrange(len(SKILLS)),
                starts_at=starts.astimezone(UTC),
                ends_at=ends.astimezone(UTC),
                headcount=rng.choice((1, 1, 1, 2, 3)),
                week=day_index // 7,
                day=day,
            )
        )
    planned.sort(key=lambda s: s.starts_at)

    # Seats filled from the first (1 - reserve_share) of the people, greedily in time order.
    pool: dict[tuple[int, int], list[int]] = defaultdict(list)
    reserve: dict[tuple[int, int], list[int]] = defaultdict(list)
    reserved_from = int(people * (1 - reserve_share))
    for i in range(people):
        for s in held[i]:
            (reserve if i >= reserved_from else pool)[(homes[i], s)].append(i)
    last_end: dict[int, datetime] = {}
    last_day: dict[int, date] = {}
    hours: dict[tuple[int, int], float] = defaultdict(float)
    assignments: list[dict[str, Any]] = []

    def eligible(p: int, sh: _Shift, limit: float, rest: timedelta = REST) -> bool:
        return (
            (p not in last_end or last_end[p] + rest <= sh.starts_at)
            and last_day.get(p) != sh.day
            and hours[(p, sh.week)] + _hours(sh) <= limit
        )

    def take(p: int, sh: _Shift) -> None:
        last_end[p], last_day[p] = sh.ends_at, sh.day
        hours[(p, sh.week)] += _hours(sh)
        sh.filled += 1

    for sh in planned:
        candidates = pool[(sh.location, sh.skill)]
        for _ in range(sh.headcount):
            if rng.random() > 0.7 or not candidates:
                continue
            for p in rng.sample(candidates, min(8, len(candidates))):
                if eligible(p, sh, 40):
                    take(p, sh)
                    assignments.append(_assignment(new_id(), org_id, sh, person_ids[p], now))
                    break

    # Free pairs from the reserve, spaced so that no rule of the default rule set (rest,
    # consecutive days, night-then-early, weekly hours) can refuse them.
    free: list[tuple[uuid.UUID, uuid.UUID]] = []
    for sh in planned:
        for p in reserve[(sh.location, sh.skill)]:
            if sh.filled >= sh.headcount:
                break
            if eligible(p, sh, 24, rest=RESERVE_REST):
                take(p, sh)
                free.append((sh.id, person_ids[p]))
                break
    rng.shuffle(free)

    rows[Shift.__table__] = [
        {
            "id": sh.id,
            "organisation_id": org_id,
            "location_id": location_ids[sh.location],
            "skill_id": skill_ids[sh.skill],
            "starts_at": sh.starts_at,
            "ends_at": sh.ends_at,
            "break_minutes": 30 if _hours(sh) >= 6 else 0,
            "headcount": sh.headcount,
            "state": ShiftState.published if sh.week < 2 else ShiftState.draft,
            "published_at": now if sh.week < 2 else None,
            "created_at": now,
            "updated_at": now,
        }
        for sh in planned
    ]
    rows[Assignment.__table__] = assignments

    async with engine.begin() as conn:
        for table, batch in rows.items():
            for start in range(0, len(batch), CHUNK):
                await conn.execute(insert(table), batch[start : start + CHUNK])

    return Dataset(
        organisation_id=org_id,
        api_token=token,
        monday=monday,
        location_ids=location_ids,
        location_zones=list(ZONES),
        people=people,
        shifts=len(planned),
        assignments=len(assignments),
        free_pairs=free,
    )


def _hours(sh: _Shift) -> float:
    return (sh.ends_at - sh.starts_at).total_seconds() / 3600


def _assignment(
    assignment_id: uuid.UUID, org_id: uuid.UUID, sh: _Shift, person_id: uuid.UUID, now: datetime
) -> dict[str, Any]:
    return {
        "id": assignment_id,
        "organisation_id": org_id,
        "shift_id": sh.id,
        "person_id": person_id,
        "starts_at": sh.starts_at,
        "ends_at": sh.ends_at,
        "source": AssignmentSource.manual,
        "state": AssignmentState.assigned,
        "created_at": now,
        "updated_at": now,
    }


async def history(engine: AsyncEngine, ds: Dataset, weeks: int = 52, block: int = 4) -> int:
    """A past for the organisation, as a database in use for a year has: the data's
    first `block` weeks of shifts and live assignments copied back, block after block,
    for `weeks` weeks before the data starts, published and worked. Reads that bound a
    person's or a location's rows on one side only (`starts_at < end`) walk all of
    it, which four weeks of data alone never shows. Returns the assignments added."""
    copies = -(-weeks // block)
    added = 0
    async with engine.begin() as conn:
        shifts = (
            (
                await conn.execute(
                    select(Shift.__table__).where(
                        Shift.organisation_id == ds.organisation_id,
                        Shift.starts_at < ds.week(block, "UTC")[0],
                    )
                )
            )
            .mappings()
            .all()
        )
        live = (
            (
                await conn.execute(
                    select(Assignment.__table__).where(
                        Assignment.organisation_id == ds.organisation_id,
                        Assignment.state == AssignmentState.assigned,
                        Assignment.starts_at < ds.week(block, "UTC")[0],
                    )
                )
            )
            .mappings()
            .all()
        )
        by_shift: dict[uuid.UUID, list[Any]] = defaultdict(list)
        for a in live:
            by_shift[a["shift_id"]].append(a)
        for n in range(1, copies + 1):
            back = timedelta(weeks=block * n)
            new_shifts: list[dict[str, Any]] = []
            new_assignments: list[dict[str, Any]] = []
            for sh in shifts:
                copy = {
                    **sh,
                    "id": uuid.uuid4(),
                    "starts_at": sh["starts_at"] - back,
                    "ends_at": sh["ends_at"] - back,
                    "state": ShiftState.published,
                    "published_at": sh["starts_at"] - back - timedelta(weeks=2),
                    "template_id": None,
                }
                new_shifts.append(copy)
                new_assignments += [
                    {
                        **a,
                        "id": uuid.uuid4(),
                        "shift_id": copy["id"],
                        "starts_at": copy["starts_at"],
                        "ends_at": copy["ends_at"],
                    }
                    for a in by_shift.get(sh["id"], ())
                ]
            for table, batch in ((Shift, new_shifts), (Assignment, new_assignments)):
                for start in range(0, len(batch), CHUNK):
                    await conn.execute(insert(table), batch[start : start + CHUNK])
            added += len(new_assignments)
    return added


async def analyse(engine: AsyncEngine) -> None:
    """Planner statistics after a bulk load, as autovacuum would have them for a live
    PostgreSQL database: without them the generic plan of a prepared statement (asyncpg
    prepares, and reuses) can be far off; the week grid's people took ~80 ms instead of
    ~4 ms. SQLite is left as users' files are: the product never runs ANALYZE there."""
    if engine.dialect.name == "postgresql":
        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE"))
