"""Every router of the versioned API, mounted under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from shiftwise.assignments.endpoints import router as assignments
from shiftwise.audit.endpoints import router as audit
from shiftwise.auth.endpoints import router as auth
from shiftwise.availability.endpoints import router as availability
from shiftwise.calendar.endpoints import router as calendar
from shiftwise.compliance.endpoints import router as compliance
from shiftwise.locations.endpoints import router as locations
from shiftwise.notifications.delivery_endpoints import router as notification_delivery
from shiftwise.notifications.inbox_endpoints import router as notification_inbox
from shiftwise.open_shifts.endpoints import router as open_shifts
from shiftwise.organisation.endpoints import router as organisation
from shiftwise.people.endpoints import router as people
from shiftwise.planning.endpoints import router as planning
from shiftwise.schedule.endpoints import router as schedule
from shiftwise.schedule_runs.endpoints import router as schedule_runs
from shiftwise.shifts.endpoints import router as shifts
from shiftwise.skills.endpoints import router as skills
from shiftwise.swaps.endpoints import router as swaps
from shiftwise.templates.endpoints import router as templates
from shiftwise.time_off.endpoints import router as time_off
from shiftwise.users.endpoints import router as users
from shiftwise.worker.endpoints import router as dead_letters

api_router = APIRouter(prefix="/api/v1")
# Planning's fixed paths (/shifts/copy, /shifts/bulk) come before /shifts/{shift_id}.
for router in (
    auth,
    organisation,
    locations,
    skills,
    people,
    users,
    planning,
    shifts,
    assignments,
    templates,
    compliance,
    availability,
    time_off,
    open_shifts,
    swaps,
    schedule,
    schedule_runs,
    audit,
    dead_letters,
    calendar,
    notification_inbox,
    notification_delivery,
):
    api_router.include_router(router)
