"""The authorisation matrix: every API operation × every kind of caller → expected status.

Rows live in `rows_*.py`, one file per domain. `test_matrix.py` fails when the OpenAPI
spec has an operation without a row, so a new endpoint cannot ship unexamined.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.models import Person, ShiftState
from tests.fixtures import factories
from tests.fixtures.factories import World


class Actor(enum.Enum):
    anonymous = "anonymous"
    staff_own = "staff on own record"
    staff_other = "staff on another's record"
    coordinator = "coordinator of the location"
    coordinator_other = "coordinator of another location"
    foreign_admin = "admin of another organisation"
    admin = "admin"


@dataclass
class Call:
    path: str
    json: Any = None


@dataclass
class Ctx:
    session: AsyncSession
    world: World
    actor: Actor

    @property
    def owner(self) -> Person:
        """The person whose record the call touches: the caller's own for staff_own."""
        return self.world.colleague if self.actor is Actor.staff_other else self.world.staff

    async def published_shift(self, hours_from_now: int = 48, headcount: int = 2) -> Any:
        start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(
            hours=hours_from_now + 48 * bump()
        )
        return await factories.shift(
            self.session,
            self.world.loc,
            start,
            skill=self.world.skill,
            headcount=headcount,
            state=ShiftState.published,
        )

    async def assignment_of_owner(self) -> Any:
        shift = await self.published_shift()
        return await factories.assignment(self.session, shift, self.owner)


_counter = iter(range(10_000))


def bump() -> int:
    """Each target shift lands two days after the last: never overlapping, never a long run."""
    return next(_counter)


Builder = Callable[[Ctx], Awaitable[Call]]


def static(path: str, body: Any = None) -> Builder:
    async def build(_: Ctx) -> Call:
        return Call(path, body)

    return build


@dataclass
class Row:
    method: str
    path: str
    build: Builder
    expect: dict[Actor, int]


@dataclass
class Expect:
    """Expected statuses; unspecified actors inherit from the closest general case."""

    anonymous: int = 401
    staff_own: int | None = None
    staff_other: int | None = None
    staff: int = 403
    coordinator: int = 403
    coordinator_other: int | None = None
    foreign_admin: int = 404
    admin: int = 200
    extra: dict[Actor, int] = field(default_factory=dict)

    def resolve(self) -> dict[Actor, int]:
        return {
            Actor.anonymous: self.anonymous,
            Actor.staff_own: self.staff if self.staff_own is None else self.staff_own,
            Actor.staff_other: self.staff if self.staff_other is None else self.staff_other,
            Actor.coordinator: self.coordinator,
            Actor.coordinator_other: (
                self.coordinator if self.coordinator_other is None else self.coordinator_other
            ),
            Actor.foreign_admin: self.foreign_admin,
            Actor.admin: self.admin,
        }


def row(method: str, path: str, build: Builder, expect: Expect) -> Row:
    return Row(method, path, build, expect.resolve())


def new_name(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"
