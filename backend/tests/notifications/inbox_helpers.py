"""Arranging inbox rows for the person-facing tests."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import Notification, Person


async def add_notifications(
    database: Database,
    person: Person,
    n: int,
    *,
    topic: str = "assignment.created",
    start: datetime | None = None,
) -> list[uuid.UUID]:
    """n rows for the person, one minute apart (oldest first); returns their ids."""
    start = start or utcnow() - timedelta(hours=1)
    async with database.session(write=True) as s:
        rows = [
            Notification(
                id=uuid.uuid4(),
                organisation_id=person.organisation_id,
                person_id=person.id,
                topic=topic,
                payload={"n": i},
                idempotency_key=f"test:{uuid.uuid4()}",
                created_at=start + timedelta(minutes=i),
            )
            for i in range(n)
        ]
        s.add_all(rows)
    return [r.id for r in rows]
