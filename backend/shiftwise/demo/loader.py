"""Writes the planned demo organisation with the ORM, in the caller's transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.demo import roster
from shiftwise.demo.catalogue import (
    ADMIN_EMAIL,
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    ORGANISATION_NAME,
    ORGANISATION_ZONE,
    SEED,
    SITES,
    SKILLS,
    STAFF_EMAIL,
)
from shiftwise.kit.time import utcnow
from shiftwise.models import (
    Assignment,
    AssignmentSource,
    EmploymentType,
    Location,
    Organisation,
    Person,
    PersonSkill,
    Role,
    Shift,
    ShiftState,
    Skill,
)
from shiftwise.people.contact import encrypt_contact
from shiftwise.users.accounts import new_user


@dataclass(frozen=True)
class SignIn:
    role: str
    email: str
    password: str
    note: str


def sign_ins() -> list[SignIn]:
    return [
        SignIn("admin", ADMIN_EMAIL, DEMO_PASSWORD, "everything in Harbourview Care"),
        SignIn(
            "coordinator",
            COORDINATOR_EMAIL,
            DEMO_PASSWORD,
            "plans Harbourview House and Quayside Lodge",
        ),
        SignIn("staff", STAFF_EMAIL, DEMO_PASSWORD, "a care assistant with shifts"),
    ]


@dataclass(frozen=True)
class DemoSummary:
    organisation_id: uuid.UUID
    locations: int
    people: int
    shifts: int
    assignments: int
    open_seats: int
    first_monday: date


async def demo_exists(session: AsyncSession) -> bool:
    found = await session.scalar(
        select(Organisation.id).where(Organisation.name == ORGANISATION_NAME).limit(1)
    )
    return found is not None


async def load_demo(
    session: AsyncSession, *, today: date | None = None, seed: int = SEED
) -> DemoSummary | None:
    """Create the demo organisation; None (and nothing written) when it already exists.

    Only flushes: the caller's transaction decides.
    """
    if await demo_exists(session):
        return None
    planned = roster.plan(today or utcnow().date(), seed)
    now = utcnow()

    org = Organisation(
        id=uuid.uuid4(),
        name=ORGANISATION_NAME,
        default_time_zone=ORGANISATION_ZONE,
        week_start=0,
        settings={},
    )
    session.add(org)
    await session.flush()
    await audit.record(
        session, None, "organisation.created", org, organisation_id=org.id, reason="demo data"
    )

    locations = {
        site.key: Location(
            id=uuid.uuid4(),
            organisation_id=org.id,
            name=site.name,
            address=site.address,
            time_zone=site.time_zone,
        )
        for site in SITES
    }
    skills = {
        name: Skill(id=uuid.uuid4(), organisation_id=org.id, name=name, description=description)
        for name, description in SKILLS.items()
    }
    session.add_all([*locations.values(), *skills.values()])
    await session.flush()

    await new_user(session, org.id, ADMIN_EMAIL, Role.admin, password=DEMO_PASSWORD)
    coordinator = await new_user(
        session,
        org.id,
        COORDINATOR_EMAIL,
        Role.coordinator,
        password=DEMO_PASSWORD,
        location_ids=[locations["house"].id, locations["quayside"].id],
    )
    staff_user = await new_user(session, org.id, STAFF_EMAIL, Role.staff, password=DEMO_PASSWORD)
    staff_index = next(
        p.index
        for p in planned.people
        if p.site.key == "house" and p.primary_skill == "Care assistant"
        and p.employment == "full_time"
    )  # fmt: skip
    people: list[Person] = []
    for planned_person in planned.people:
        is_staff_user = planned_person.index == staff_index
        person = Person(
            id=uuid.uuid4(),
            organisation_id=org.id,
            user_id=staff_user.id if is_staff_user else None,
            display_name=planned_person.name,
            employment_type=EmploymentType(planned_person.employment),
            hourly_rate=planned_person.hourly_rate,
            contracted_hours_per_week=planned_person.contracted_hours,
            max_hours_per_week=planned_person.max_hours,
            home_location_id=locations[planned_person.site.key].id,
            payroll_id=planned_person.payroll_id,
            is_active=True,
        )
        encrypt_contact(
            person,
            email=STAFF_EMAIL if is_staff_user else planned_person.email,
            phone=planned_person.phone,
        )
        people.append(person)
    session.add_all(people)
    await session.flush()
    session.add_all(
        PersonSkill(person_id=people[p.index].id, skill_id=skills[name].id, expires_date=expires)
        for p in planned.people
        for name, expires in p.skills.items()
    )

    shifts: list[Shift] = []
    for planned_shift in planned.shifts:
        pattern = planned_shift.pattern
        shifts.append(
            Shift(
                id=uuid.uuid4(),
                organisation_id=org.id,
                location_id=locations[planned_shift.site.key].id,
                skill_id=skills[pattern.skill].id,
                starts_at=planned_shift.starts_at,
                ends_at=planned_shift.ends_at,
                break_minutes=pattern.break_minutes,
                headcount=pattern.headcount,
                notes=pattern.note,
                state=ShiftState.published if planned_shift.published else ShiftState.draft,
                published_at=now if planned_shift.published else None,
            )
        )
    session.add_all(shifts)
    await session.flush()

    session.add_all(
        Assignment(
            id=uuid.uuid4(),
            organisation_id=org.id,
            shift_id=shifts[shift_index].id,
            person_id=people[person_index].id,
            starts_at=shifts[shift_index].starts_at,
            ends_at=shifts[shift_index].ends_at,
            source=AssignmentSource.manual,
            created_by_user_id=coordinator.id,
        )
        for shift_index, person_index in planned.assignments
    )
    await session.flush()
    return DemoSummary(
        organisation_id=org.id,
        locations=len(locations),
        people=len(people),
        shifts=len(shifts),
        assignments=len(planned.assignments),
        open_seats=planned.open_seats,
        first_monday=planned.monday,
    )
