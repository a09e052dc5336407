"""Authorisation-matrix rows (see tests/authz/matrix.py) for organisation, skills, people,
users and audit.

Targets that a call changes are built fresh per call, and no world user is disabled,
so the rows never disturb each other or the signed-in sessions the matrix shares.
"""

from __future__ import annotations

import uuid

from shiftwise.models import Role
from tests.authz.matrix import Call, Ctx, Expect, Row, new_name, row, static
from tests.fixtures import factories

EVERYONE = Expect(staff=200, coordinator=200, foreign_admin=200)
OWN_ORG_ADMIN = Expect(foreign_admin=200)


def _email() -> str:
    return f"matrix-{uuid.uuid4().hex[:10]}@example.com"


async def _new_skill(ctx: Ctx) -> Call:
    return Call("/api/v1/skills", {"name": new_name("Skill")})


async def _skill(ctx: Ctx) -> Call:
    return Call(f"/api/v1/skills/{ctx.world.skill.id}")


async def _fresh_skill_patch(ctx: Ctx) -> Call:
    skill = await factories.skill(ctx.session, ctx.world.org)
    return Call(f"/api/v1/skills/{skill.id}", {"description": "changed"})


async def _fresh_skill(ctx: Ctx) -> Call:
    skill = await factories.skill(ctx.session, ctx.world.org)
    return Call(f"/api/v1/skills/{skill.id}")


async def _new_person(ctx: Ctx) -> Call:
    return Call(
        "/api/v1/people",
        {"display_name": new_name("Person"), "email": _email(), "employment_type": "casual"},
    )


async def _lookup_owner(ctx: Ctx) -> Call:
    email = "cleo@acme.test" if ctx.owner.id == ctx.world.colleague.id else "sam@acme.test"
    return Call("/api/v1/people/lookup", {"email": email})


async def _owner(ctx: Ctx) -> Call:
    return Call(f"/api/v1/people/{ctx.owner.id}")


async def _owner_patch(ctx: Ctx) -> Call:
    return Call(f"/api/v1/people/{ctx.owner.id}", {"payroll_id": new_name("P")[2:]})


async def _owner_skills(ctx: Ctx) -> Call:
    # Keeps the skill the owner already holds, so other rows' shifts still fit them.
    return Call(f"/api/v1/people/{ctx.owner.id}/skills", [{"skill_id": str(ctx.world.skill.id)}])


async def _new_user(ctx: Ctx) -> Call:
    return Call("/api/v1/users", {"email": _email(), "role": "staff"})


async def _user(ctx: Ctx) -> Call:
    return Call(f"/api/v1/users/{ctx.world.staff_user.id}")


async def _fresh_user_patch(ctx: Ctx) -> Call:
    user = await factories.user(ctx.session, ctx.world.org, Role.staff)
    return Call(f"/api/v1/users/{user.id}", {"role": "coordinator"})


ROWS: list[Row] = [
    row("GET", "/api/v1/organisation", static("/api/v1/organisation"), EVERYONE),
    row(
        "PATCH",
        "/api/v1/organisation",
        static("/api/v1/organisation", {"settings": {"auto_approve_shift_requests": False}}),
        OWN_ORG_ADMIN,
    ),
    row("GET", "/api/v1/skills", static("/api/v1/skills"), EVERYONE),
    row("POST", "/api/v1/skills", _new_skill, Expect(admin=201, foreign_admin=201)),
    row("GET", "/api/v1/skills/{skill_id}", _skill, Expect(staff=200, coordinator=200)),
    row("PATCH", "/api/v1/skills/{skill_id}", _fresh_skill_patch, Expect()),
    row("DELETE", "/api/v1/skills/{skill_id}", _fresh_skill, Expect(admin=204)),
    row("GET", "/api/v1/people", static("/api/v1/people"), EVERYONE),
    row("POST", "/api/v1/people", _new_person, Expect(admin=201, foreign_admin=201)),
    row(
        "POST",
        "/api/v1/people/lookup",
        _lookup_owner,
        Expect(coordinator=200, coordinator_other=404),
    ),
    row("GET", "/api/v1/people/{person_id}", _owner, Expect(staff=200, coordinator=200)),
    row("PATCH", "/api/v1/people/{person_id}", _owner_patch, Expect()),
    row(
        "PUT",
        "/api/v1/people/{person_id}/skills",
        _owner_skills,
        Expect(coordinator=200, coordinator_other=403),
    ),
    row("GET", "/api/v1/users", static("/api/v1/users"), OWN_ORG_ADMIN),
    row("POST", "/api/v1/users", _new_user, Expect(admin=201, foreign_admin=201)),
    row("GET", "/api/v1/users/{user_id}", _user, Expect()),
    row("PATCH", "/api/v1/users/{user_id}", _fresh_user_patch, Expect()),
    row("GET", "/api/v1/audit-entries", static("/api/v1/audit-entries"), OWN_ORG_ADMIN),
]
