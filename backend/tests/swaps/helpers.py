"""Arrangements for shift-request tests: Sam (staff) and Cleo (colleague) each on a shift."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import select

from shiftwise.db import Database
from shiftwise.models import (
    Assignment,
    AssignmentState,
    Organisation,
    Person,
    Role,
    Shift,
    ShiftState,
    User,
)
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.open_shifts.helpers import at, json_of

URL = "/api/v1/shift-requests"


@dataclass
class Pair:
    mine: Shift  # Sam's shift
    theirs: Shift  # Cleo's shift
    my_assignment: Assignment
    their_assignment: Assignment


async def pair(
    database: Database,
    world: World,
    mine_at: datetime | None = None,
    theirs_at: datetime | None = None,
    hours: float = 8,
) -> Pair:
    async with database.session(write=True) as s:
        mine = await factories.shift(
            s, world.loc, mine_at or at(0), hours, skill=world.skill, state=ShiftState.published
        )
        theirs = await factories.shift(
            s, world.loc, theirs_at or at(2), hours, skill=world.skill, state=ShiftState.published
        )
        a = await factories.assignment(s, mine, world.staff)
        b = await factories.assignment(s, theirs, world.colleague)
    return Pair(mine, theirs, a, b)


def offer(p: Pair, world: World, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "offer",
        "assignment_id": str(p.my_assignment.id),
        "counterpart_person_id": str(world.colleague.id),
    } | extra


def swap(p: Pair, world: World, **extra: Any) -> dict[str, Any]:
    return (
        offer(p, world, kind="swap", counterpart_assignment_id=str(p.their_assignment.id)) | extra
    )


def drop(p: Pair, **extra: Any) -> dict[str, Any]:
    return {"kind": "drop", "assignment_id": str(p.my_assignment.id)} | extra


async def file(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = json_of(await client.post(URL, json=body), 201)
    return found


def act(request_id: str | uuid.UUID, verb: str) -> str:
    return f"{URL}/{request_id}/{verb}"


async def live(database: Database, shift_id: uuid.UUID) -> list[uuid.UUID]:
    """The people on a shift now."""
    async with database.sessionmaker() as s:
        rows = await s.scalars(
            select(Assignment.person_id).where(
                Assignment.shift_id == shift_id, Assignment.state == AssignmentState.assigned
            )
        )
        return list(rows.all())


async def org_settings(database: Database, world: World, **settings: Any) -> None:
    async with database.session(write=True) as s:
        org = await s.get_one(Organisation, world.org.id)
        org.settings = dict(org.settings or {}) | settings


async def staff_member(
    database: Database, world: World, *, skilled: bool = True
) -> tuple[User, Person]:
    async with database.session(write=True) as s:
        u = await factories.user(s, world.org, Role.staff)
        p = await factories.person(
            s, world.org, user=u, home=world.loc, skills={world.skill: None} if skilled else {}
        )
    return u, p
