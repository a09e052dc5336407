from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response, status

from shiftwise.auth import service
from shiftwise.auth.dependencies import CurrentSubject
from shiftwise.auth.schemas import (
    ApiTokenCreate,
    ApiTokenCreated,
    ApiTokenRead,
    LoginRequest,
    LoginResponse,
    Me,
)
from shiftwise.config import get_settings
from shiftwise.errors import error_responses
from shiftwise.kit.deps import SessionDep
from shiftwise.models import User

router = APIRouter(tags=["auth"])


@router.post("/auth/login", response_model=LoginResponse, responses=error_responses(401, 422, 429))
async def login(
    body: LoginRequest, request: Request, response: Response, session: SessionDep
) -> LoginResponse:
    """Sign in with email and password; sets the session cookie."""
    client_ip = request.client.host if request.client else "unknown"
    new = await service.login(
        session, request.app.state.login_failures, body.email, body.password, client_ip
    )
    settings = get_settings()
    max_age = settings.session_absolute_hours * 3600
    response.set_cookie(
        settings.session_cookie_name,
        new.token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )
    response.set_cookie(
        settings.csrf_cookie_name,
        new.csrf_token,
        max_age=max_age,
        httponly=False,
        samesite="strict",
        secure=settings.cookie_secure,
        path="/",
    )
    return LoginResponse(me=await service.describe(session, new.user), csrf_token=new.csrf_token)


@router.post(
    "/auth/logout", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401, 403)
)
async def logout(subject: CurrentSubject, session: SessionDep, response: Response) -> None:
    """End this session on the server and clear its cookies."""
    await service.logout(session, subject)
    settings = get_settings()
    response.delete_cookie(settings.session_cookie_name, path="/")
    response.delete_cookie(settings.csrf_cookie_name, path="/")


@router.get("/me", response_model=Me, responses=error_responses(401))
async def me(subject: CurrentSubject, session: SessionDep) -> Me:
    """Who am I: user, organisation, role and linked person."""
    return await service.describe(session, await session.get_one(User, subject.user_id))


@router.post(
    "/auth/tokens",
    response_model=ApiTokenCreated,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 422),
)
async def create_token(
    body: ApiTokenCreate, subject: CurrentSubject, session: SessionDep
) -> ApiTokenCreated:
    """Create a bearer API token for scripts; the secret is shown only here."""
    record, token = await service.create_api_token(session, subject, body)
    return ApiTokenCreated(**ApiTokenRead.model_validate(record).model_dump(), token=token)


@router.get("/auth/tokens", response_model=list[ApiTokenRead], responses=error_responses(401))
async def list_tokens(subject: CurrentSubject, session: SessionDep) -> list[ApiTokenRead]:
    """List my API tokens (never their secrets)."""
    return [ApiTokenRead.model_validate(t) for t in await service.list_api_tokens(session, subject)]


@router.delete(
    "/auth/tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def revoke_token(token_id: uuid.UUID, subject: CurrentSubject, session: SessionDep) -> None:
    """Revoke one of my API tokens."""
    await service.revoke_api_token(session, subject, token_id)
