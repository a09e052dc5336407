"""Every router of the versioned API, mounted under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from shiftwise.assignments.endpoints import router as assignments
from shiftwise.audit.endpoints import router as audit
from shiftwise.auth.endpoints import router as auth
from shiftwise.locations.endpoints import router as locations
from shiftwise.organisation.endpoints import router as organisation
from shiftwise.people.endpoints import router as people
from shiftwise.shifts.endpoints import router as shifts
from shiftwise.skills.endpoints import router as skills
from shiftwise.users.endpoints import router as users

api_router = APIRouter(prefix="/api/v1")
for router in (auth, organisation, locations, skills, people, users, shifts, assignments, audit):
    api_router.include_router(router)
