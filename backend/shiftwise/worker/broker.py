"""The Dramatiq side: the broker, the actors bound to it, the relay's publisher.

Only shiftwise/worker/ imports dramatiq (a test checks). Every message carries one
argument, the outbox row's id; the row holds the ids the actor takes, its attempts
and its state, so the broker can lose or repeat messages without harm.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import Retries, ShutdownNotifications

from shiftwise.config import Settings
from shiftwise.worker.actors import Actor
from shiftwise.worker.relay import Dispatch

NAMESPACE = "shiftwise"


def build_broker(settings: Settings) -> dramatiq.Broker:
    """Redis when SHIFTWISE_REDIS_URL is set, else an in-process stub broker."""
    # Retries here only cover a message whose handler could not even reach the
    # database; job retries are counted in the outbox row.
    middleware = [ShutdownNotifications(), Retries(max_retries=3, min_backoff=1000)]
    if settings.redis_url:
        return RedisBroker(  # type: ignore[no-untyped-call]
            url=settings.redis_url,
            namespace=NAMESPACE,
            # A dead worker's unacked messages come back after Dramatiq's heartbeat
            # timeout (60 s); the relay's visibility timeout covers Redis forgetting.
            middleware=middleware,
        )
    return StubBroker(middleware=middleware)


def bind_actors(
    broker: dramatiq.Broker, actors: dict[str, Actor[Any]], run: Callable[[str], None]
) -> None:
    """Declare one Dramatiq actor per registered actor; each runs `run(outbox_row_id)`."""
    for name, spec in actors.items():
        if name in broker.actors:
            continue

        def handle(event_id: str) -> None:
            run(event_id)

        handle.__name__ = name.replace(".", "_")
        dramatiq.Actor(
            handle, broker=broker, actor_name=name, queue_name=spec.queue, priority=0, options={}
        )


class DramatiqPublisher:
    def __init__(self, broker: dramatiq.Broker) -> None:
        self.broker = broker

    def publish(self, dispatch: Dispatch) -> None:
        self.broker.enqueue(
            dramatiq.Message(
                queue_name=dispatch.queue,
                actor_name=dispatch.actor,
                args=(str(dispatch.event_id),),
                kwargs={},
                options={},
            )
        )
