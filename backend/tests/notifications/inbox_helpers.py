"""Arranging inbox rows for the person-facing tests."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import insert

from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import Notification, Person, User


async def add_notifications(
    database: Database,
    person: Person | User,
    n: int,
    *,
    topic: str = "assignment.created",
    start: datetime | None = None,
    silently: bool = False,
) -> list[uuid.UUID]:
    """n rows for the person (or a login without a profile), one minute apart (oldest
    first); returns their ids.

    Added as objects, they are announced to live streams on commit, as delivery's are;
    `silently` inserts them in bulk instead, which announces nothing (as if another
    process wrote them and the test announces them itself).
    """
    start = start or utcnow() - timedelta(hours=1)
    ids = [uuid.uuid4() for _ in range(n)]
    rows = [
        {
            "id": ids[i],
            "organisation_id": person.organisation_id,
            "person_id": person.id if isinstance(person, Person) else None,
            "user_id": person.id if isinstance(person, User) else None,
            "topic": topic,
            "payload": {"n": i},
            "idempotency_key": f"test:{uuid.uuid4()}",
            "created_at": start + timedelta(minutes=i),
        }
        for i in range(n)
    ]
    async with database.session(write=True) as s:
        if silently:
            await s.execute(insert(Notification), rows)
        else:
            s.add_all([Notification(**r) for r in rows])
    return ids
