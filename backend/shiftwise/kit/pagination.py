from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")


class PageParams(BaseModel):
    limit: int
    offset: int


def _page_params(
    limit: Annotated[int, Query(ge=1, le=500, description="Items per page")] = 100,
    offset: Annotated[int, Query(ge=0, description="Items to skip")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(_page_params)]


async def paginate(
    session: AsyncSession, stmt: Select[Any], page: PageParams
) -> tuple[list[Any], int | None]:
    """Rows of one page and the offset of the next page (None when this is the last)."""
    rows = list((await session.scalars(stmt.limit(page.limit + 1).offset(page.offset))).all())
    next_offset = page.offset + page.limit if len(rows) > page.limit else None
    return rows[: page.limit], next_offset
