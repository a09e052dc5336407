"""aiosqlite with one trip to its thread per statement.

aiosqlite runs every sqlite3 call on a thread of its own and hands each result back
through the event loop. SQLAlchemy's adapter makes four such trips per statement
(open a cursor, execute, fetch everything, close), each a wake-up of the loop: ~40-80 µs
on the reference host, more than SQLite takes to run most of the product's statements.
The single rule check (six statements) spent a third of its time in them.

Here a statement is one trip: a function that executes it, fetches every row and closes
its cursor runs on the connection's thread, and the rows come back at once, as they did
(the adapter always buffered them). The mutex, error translation and server-side
(streaming) cursors are SQLAlchemy's own. Passed to the engine as its DBAPI module
(`create_async_engine(..., module=dbapi())`, SQLAlchemy's documented hook), so nothing is
patched globally.

This leans on two internals, both pinned by uv.lock and exercised by the whole SQLite
test suite: SQLAlchemy's aiosqlite adapter classes and aiosqlite's `Connection._execute`
(queue a function for its thread) and `_conn` (the sqlite3 connection, used only there).
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)

T = TypeVar("T")
Description = Sequence[tuple[Any, ...]] | None


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A buffered cursor whose statements each take one trip to the thread."""

    __slots__ = ("_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        # No aiosqlite cursor: each statement opens and closes its own on the thread.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._soft_closed_memoized = {}  # type: ignore[assignment]
        self._rows = collections.deque()
        self._description: Description = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> Any:
        return self._lastrowid

    async def _async_soft_close(self) -> None:
        return None  # nothing open: the rows are already here

    def close(self) -> None:
        self._rows.clear()

    async def _on_thread(self, work: Callable[[sqlite3.Cursor], T]) -> T:
        connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]

        def run() -> T:
            cursor = connection._conn.cursor()
            try:
                return work(cursor)
            finally:
                cursor.close()

        result: T = await connection._execute(run)  # type: ignore[no-untyped-call]
        return result

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        def work(cursor: sqlite3.Cursor) -> tuple[Description, list[Any], int, int | None]:
            if parameters is None:
                cursor.execute(operation)
            else:
                cursor.execute(operation, parameters)
            description = cursor.description
            rows = cursor.fetchall() if description else []
            return description, rows, cursor.rowcount, cursor.lastrowid

        async with self._adapt_connection._execute_mutex:
            found = await self._on_thread(work)
            self._description, rows, self._rowcount, self._lastrowid = found
            self._rows = collections.deque(rows)
        return None

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        def work(cursor: sqlite3.Cursor) -> tuple[int, int | None]:
            cursor.executemany(operation, seq_of_parameters)
            return cursor.rowcount, cursor.lastrowid

        async with self._adapt_connection._execute_mutex:
            self._rowcount, self._lastrowid = await self._on_thread(work)
            self._description = None
            self._rows = collections.deque()
        return None


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = OneTripCursor  # type: ignore[assignment]


class OneTripDbapi(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def dbapi() -> OneTripDbapi:
    """The DBAPI module to give an aiosqlite engine."""
    return OneTripDbapi(aiosqlite, sqlite3)
