"""Delivery state for admins (list, retry) and the providers' status callbacks."""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Query, Request, Response, status
from sqlalchemy import select

from shiftwise.audit import service as audit
from shiftwise.auth.dependencies import AdminSubject
from shiftwise.config import Settings, get_settings
from shiftwise.errors import (
    Conflict,
    Forbidden,
    NotFound,
    Unauthenticated,
    error_responses,
    field_error,
)
from shiftwise.kit.deps import SessionDep
from shiftwise.kit.pagination import PageDep, paginate
from shiftwise.kit.schemas import Page
from shiftwise.kit.time import utcnow
from shiftwise.models import NotificationDelivery
from shiftwise.models.notification_delivery import DeliveryState
from shiftwise.notifications import delivery_schemas as schemas
from shiftwise.notifications import status as provider_status
from shiftwise.notifications.channels.registry import TWILIO_STATUS_PATH
from shiftwise.notifications.channels.sendgrid_events import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    valid_event_signature,
)
from shiftwise.notifications.channels.twilio import valid_twilio_signature
from shiftwise.notifications.preferences import Channel
from shiftwise.notifications.tasks import collect
from shiftwise.worker.outbox import enqueue

router = APIRouter(tags=["notifications"])


def current_settings() -> Settings:
    return get_settings()


SettingsDep = Annotated[Settings, Depends(current_settings)]

RETRYABLE = (DeliveryState.dead, DeliveryState.failed, DeliveryState.skipped)


@router.get(
    "/notification-deliveries",
    response_model=Page[schemas.NotificationDelivery],
    responses=error_responses(401, 403, 422),
)
async def list_deliveries(
    subject: AdminSubject,
    session: SessionDep,
    page: PageDep,
    person_id: Annotated[uuid.UUID | None, Query()] = None,
    user_id: Annotated[
        uuid.UUID | None, Query(description="A login without a person profile")
    ] = None,
    state: Annotated[DeliveryState | None, Query()] = None,
    channel: Annotated[Channel | None, Query()] = None,
) -> Page[schemas.NotificationDelivery]:
    """The organisation's notification deliveries, newest first, optionally filtered."""
    stmt = select(NotificationDelivery).where(
        NotificationDelivery.organisation_id == subject.organisation_id
    )
    if person_id is not None:
        stmt = stmt.where(NotificationDelivery.person_id == person_id)
    if user_id is not None:
        stmt = stmt.where(NotificationDelivery.user_id == user_id)
    if state is not None:
        stmt = stmt.where(NotificationDelivery.state == state)
    if channel is not None:
        stmt = stmt.where(NotificationDelivery.channel == channel.value)
    stmt = stmt.order_by(NotificationDelivery.created_at.desc(), NotificationDelivery.id)
    rows, next_offset = await paginate(session, stmt, page)
    return Page(
        items=[schemas.NotificationDelivery.model_validate(r) for r in rows],
        next_offset=next_offset,
    )


@router.post(
    "/notification-deliveries/{delivery_id}/retry",
    response_model=schemas.NotificationDelivery,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def retry_delivery(
    delivery_id: uuid.UUID, subject: AdminSubject, session: SessionDep
) -> schemas.NotificationDelivery:
    """Send a dead, failed or skipped delivery again (audited); it is batched afresh."""
    row = await session.scalar(
        select(NotificationDelivery)
        .where(
            NotificationDelivery.id == delivery_id,
            NotificationDelivery.organisation_id == subject.organisation_id,
        )
        .with_for_update()
    )
    if row is None:
        raise NotFound("No such notification delivery.", code="delivery_not_found")
    if row.channel == Channel.in_app.value or row.state not in RETRYABLE:
        raise Conflict(
            f"This delivery is {row.state.value}; only dead, failed or skipped deliveries "
            "on email, SMS or Teams can be sent again.",
            code="delivery_not_retryable",
        )
    before = {"state": row.state.value, "attempts": row.attempts, "last_error": row.last_error}
    row.state, row.batch_id, row.not_before = DeliveryState.queued, None, None
    row.last_error = row.provider_status = None
    row.updated_at = utcnow()
    await session.flush()
    await enqueue(
        session,
        row.organisation_id,
        collect.message(delivery_id=row.id),
        person_id=row.person_id,
        dedupe_key=f"notifications.collect:{row.id}:retry:{uuid.uuid4().hex}",
    )
    await audit.record(
        session, subject, "notification_delivery.retried", row, before=before, after={}
    )
    return schemas.NotificationDelivery.model_validate(row)


_FORM = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["MessageSid", "MessageStatus"],
                    "properties": {
                        "MessageSid": {"type": "string"},
                        "MessageStatus": {"type": "string"},
                        "ErrorCode": {"type": "string"},
                    },
                    "additionalProperties": {"type": "string"},
                }
            }
        },
    }
}


@router.post(
    "/integrations/twilio/status",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 422),
    openapi_extra=_FORM,
)
async def twilio_status(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """Twilio's message status callback (signed with X-Twilio-Signature; no sign-in)."""
    if settings.twilio_auth_token is None:
        raise NotFound("SMS is not configured.", code="twilio_not_configured")
    signature = request.headers.get("X-Twilio-Signature")
    if not signature:
        raise Unauthenticated("The X-Twilio-Signature header is missing.")
    params = dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))
    # Behind a proxy the request's own URL is not the one Twilio signed: use the public one.
    url = (
        settings.public_url.rstrip("/")
        + TWILIO_STATUS_PATH
        + (f"?{request.url.query}" if request.url.query else "")
        if settings.public_url
        else str(request.url)
    )
    token = settings.twilio_auth_token.get_secret_value()
    if not valid_twilio_signature(token, url, params, signature):
        raise Forbidden("The X-Twilio-Signature does not match.", code="bad_signature")
    for name in ("MessageSid", "MessageStatus"):
        if not params.get(name):
            raise field_error(f"body.{name}", f"{name} is required.", "missing")
    applied = await provider_status.apply_sms_status(
        session, params["MessageSid"], params["MessageStatus"], params.get("ErrorCode")
    )
    if not applied:
        raise NotFound("No delivery has this message id.", code="delivery_not_found")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/integrations/sendgrid/events",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"type": "array", "items": {"type": "object"}},
                }
            },
        }
    },
)
async def sendgrid_events(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """SendGrid's signed event webhook: deliveries confirmed, bounces mark addresses failing."""
    if not settings.sendgrid_webhook_public_key:
        raise NotFound("SendGrid events are not configured.", code="sendgrid_not_configured")
    signature = request.headers.get(SIGNATURE_HEADER)
    timestamp = request.headers.get(TIMESTAMP_HEADER)
    if not signature or not timestamp:
        raise Unauthenticated("The SendGrid event webhook signature headers are missing.")
    body = await request.body()
    if not valid_event_signature(settings.sendgrid_webhook_public_key, signature, timestamp, body):
        raise Forbidden(
            "The SendGrid event webhook signature does not match.", code="bad_signature"
        )
    try:
        events: Any = json.loads(body)
    except ValueError:
        raise field_error("body", "The body must be a JSON array of events.", "json") from None
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise field_error("body", "The body must be a JSON array of events.", "list_type")
    await provider_status.apply_email_events(session, events)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
