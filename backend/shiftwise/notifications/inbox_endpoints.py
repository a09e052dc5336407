"""The caller's own in-app notifications (list, unread count, mark read, live stream)
and their notification preferences."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep, get_database
from shiftwise.kit.pagination import PageDep
from shiftwise.kit.schemas import Page
from shiftwise.notifications import inbox_service, inbox_stream, preference_service
from shiftwise.notifications.inbox_schemas import InboxNotification, MarkedRead, UnreadCount
from shiftwise.notifications.preference_schemas import (
    NotificationPreferences,
    NotificationPreferencesUpdate,
)

router = APIRouter(tags=["notifications"])


@router.get(
    "/notifications",
    response_model=Page[InboxNotification],
    responses=error_responses(401, 403, 422),
)
async def list_notifications(
    subject: CurrentSubject,
    session: SessionDep,
    page: PageDep,
    unread: Annotated[bool | None, Query(description="true: only unread; false: only read")] = None,
) -> Page[InboxNotification]:
    """My in-app notifications, newest first."""
    return await inbox_service.list_own(session, subject, page, unread=unread)


@router.get(
    "/notifications/unread-count",
    response_model=UnreadCount,
    responses=error_responses(401, 403),
)
async def unread_count(subject: CurrentSubject, session: SessionDep) -> UnreadCount:
    """How many of my notifications are unread."""
    return UnreadCount(unread=await inbox_service.count_own(session, subject))


@router.get(
    "/notifications/stream",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Server-Sent Events: unread_count, notification; heartbeats",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        },
        **error_responses(401, 403, 422),
    },
)
async def notification_stream(
    request: Request,
    subject: CurrentSubject,
    max_seconds: Annotated[
        int, Query(ge=0, le=3600, description="End the stream after this long (0: one snapshot)")
    ] = 300,
) -> StreamingResponse:
    """Live updates of my inbox as Server-Sent Events (EventSource reconnects by itself)."""
    body = inbox_stream.events(
        get_database(request),
        subject,
        redis=getattr(request.app.state, "redis", None),
        max_seconds=max_seconds,
    )
    return StreamingResponse(
        body,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@router.post(
    "/notifications/read-all",
    response_model=MarkedRead,
    responses=error_responses(401, 403),
)
async def read_all(subject: CurrentSubject, session: SessionDep) -> MarkedRead:
    """Mark every notification of mine read."""
    return await inbox_service.mark_all_read(session, subject)


@router.post(
    "/notifications/{notification_id}/read",
    response_model=InboxNotification,
    responses=error_responses(401, 403, 404, 422),
)
async def read_one(
    notification_id: uuid.UUID, subject: CurrentSubject, session: SessionDep
) -> InboxNotification:
    """Mark one notification of mine read (again is harmless)."""
    return await inbox_service.mark_read(session, subject, notification_id)


@router.get(
    "/notification-preferences",
    response_model=NotificationPreferences,
    responses=error_responses(401, 403),
)
async def get_preferences(subject: CurrentSubject, session: SessionDep) -> NotificationPreferences:
    """How I am notified: per kind the channels, quiet hours, reminders (defaults filled in)."""
    return await preference_service.get_own(session, subject)


@router.put(
    "/notification-preferences",
    response_model=NotificationPreferences,
    responses=error_responses(401, 403, 422),
)
async def put_preferences(
    body: NotificationPreferencesUpdate, subject: CurrentSubject, session: SessionDep
) -> NotificationPreferences:
    """Replace how I am notified; kinds left out keep the default."""
    return await preference_service.replace_own(session, subject, body)
