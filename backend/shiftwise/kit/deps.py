"""Request-scoped dependencies: the database session that commits once per request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: services flush, this commits before the response."""
    database = get_database(request)
    async with database.session(write=request.method not in SAFE_METHODS) as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
