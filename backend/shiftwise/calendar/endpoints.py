"""Calendar feeds: the private .ics URL (no sign-in) and the caller's own token."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.calendar import schemas, service
from shiftwise.config import get_settings
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep

# Mounted at the root: calendar apps fetch /calendar/{token}.ics without credentials.
feed_router = APIRouter(tags=["calendar"])
# Mounted under /api/v1.
router = APIRouter(tags=["calendar"])

ICS = "text/calendar; charset=utf-8"


def _base_url(request: Request) -> str:
    return get_settings().public_url or str(request.base_url)


@feed_router.get(
    "/calendar/{token}.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, **error_responses(404)},
)
async def calendar_feed(token: str, session: SessionDep) -> Response:
    """A person's published shifts as an iCalendar feed (the token is the credential)."""
    body = await service.render_feed(session, get_settings(), token)
    return Response(
        body,
        media_type=ICS,
        headers={"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"},
    )


@router.post(
    "/me/calendar-token",
    response_model=schemas.CalendarFeed,
    responses=error_responses(401, 403),
)
async def reset_calendar_token(
    request: Request, subject: CurrentSubject, session: SessionDep
) -> schemas.CalendarFeed:
    """Create or replace my calendar-feed token; the old URL stops working."""
    return await service.reset_token(session, subject, _base_url(request))


@router.get(
    "/me/calendar-feed",
    response_model=schemas.CalendarFeed,
    responses=error_responses(401, 403, 404),
)
async def get_calendar_feed(
    request: Request, subject: CurrentSubject, session: SessionDep
) -> schemas.CalendarFeed:
    """My calendar feed's current URL."""
    return await service.current_feed(session, subject, _base_url(request))
