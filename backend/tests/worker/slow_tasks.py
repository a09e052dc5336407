"""An actor for the SIGKILL test, loaded into a subprocess worker by
SHIFTWISE_WORKER_IMPORTS: it delivers, leaves a marker, then hangs the first time
so the test can kill the worker between the side effect and the acknowledgement."""

from __future__ import annotations

import asyncio
import os
import uuid
from pathlib import Path

from shiftwise.notifications.channels.in_app import InAppSink
from shiftwise.worker.actors import JobContext, actor


@actor("tests.deliver_then_hang")
async def deliver_then_hang(job: JobContext, person_id: uuid.UUID) -> None:
    await InAppSink(job.database).deliver(
        job.idempotency_key,
        organisation_id=job.organisation_id,
        person_id=person_id,
        event_id=job.event_id,
        topic=job.topic,
        payload={},
    )
    marker = Path(os.environ["SHIFTWISE_TEST_MARKER"])
    if not marker.exists():  # noqa: ASYNC240 (a test stub; one tiny file)
        marker.write_text(str(os.getpid()))  # noqa: ASYNC240
        await asyncio.sleep(600)
