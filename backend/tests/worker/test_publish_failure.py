"""The broker refusing at publish time: the request succeeds, delivery comes later."""

from __future__ import annotations

from sqlalchemy import select

from shiftwise.config import Settings
from shiftwise.db import Database
from shiftwise.models import OutboxEvent
from shiftwise.worker.broker import DramatiqPublisher
from shiftwise.worker.relay import Dispatch
from shiftwise.worker.runtime import WorkerRuntime
from tests.conftest import Clients
from tests.fixtures.factories import World
from tests.worker.helpers import eventually, notifications, row
from tests.worker.test_embedded import assign_on_published_shift


class FlakyPublisher:
    """Refuses every message until healed, then hands them to the runtime's broker."""

    def __init__(self) -> None:
        self.runtime: WorkerRuntime | None = None
        self.refused = 0
        self.healed = False

    def publish(self, dispatch: Dispatch) -> None:
        if not self.healed:
            self.refused += 1
            raise ConnectionError("broker down")
        assert self.runtime is not None
        assert self.runtime.broker is not None
        DramatiqPublisher(self.runtime.broker).publish(dispatch)


async def test_a_broker_failing_at_publish_time_delays_but_loses_nothing(
    clients: Clients, database: Database, settings: Settings, world: World
) -> None:
    flaky = FlakyPublisher()
    runtime = WorkerRuntime(settings, threads=2, publisher=flaky)
    flaky.runtime = runtime
    runtime.start()
    try:
        await assign_on_published_shift(clients, database, world)  # 201 with the broker down

        async def refused() -> bool:
            return flaky.refused >= 2

        await eventually(refused)
        async with database.session(write=False) as s:
            event = await s.scalar(select(OutboxEvent))
        assert event is not None
        assert (await row(database, event.id)).dispatched_at is None
        assert await notifications(database) == 0
        flaky.healed = True

        async def delivered() -> bool:
            return await notifications(database, event.id) == 1

        await eventually(delivered)
    finally:
        runtime.stop()
