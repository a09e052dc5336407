"""A worker: an event loop thread for the async side (database, relay, scheduler)
and Dramatiq worker threads consuming the broker.

`shiftwise worker` runs one in the foreground; the API server runs an embedded one
(stub broker, in-process) when no Redis is configured, so `make run` needs nothing.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from concurrent.futures import Future
from typing import Any

import dramatiq
from dramatiq import Worker

from shiftwise.config import Settings
from shiftwise.db import Database, create_engine
from shiftwise.kit import collector
from shiftwise.worker.actors import extra_modules, load_actors
from shiftwise.worker.broker import DramatiqPublisher, bind_actors, build_broker
from shiftwise.worker.executor import execute
from shiftwise.worker.relay import Publisher, run_relay
from shiftwise.worker.scheduler import run_scheduler

log = logging.getLogger(__name__)


class WorkerRuntime:
    def __init__(
        self,
        settings: Settings,
        *,
        threads: int | None = None,
        consume: bool = True,
        relay: bool = True,
        scheduler: bool = False,
        publisher: Publisher | None = None,
    ) -> None:
        self.settings = settings
        self.threads = threads or settings.worker_threads
        self.consume = consume
        self.relay = relay
        self.scheduler = scheduler
        self._publisher = publisher
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="shiftwise-worker-loop", daemon=True
        )
        self._tasks: list[Future[None]] = []
        self._worker: Worker | None = None
        self._stop: asyncio.Event | None = None
        self.database: Database | None = None
        self.broker: dramatiq.Broker | None = None
        self.publisher: Publisher | None = None
        self._frozen = False

    def start(self) -> WorkerRuntime:
        actors = load_actors(extra_modules(self.settings.worker_imports))
        self._thread.start()
        self.database = Database(create_engine(self.settings))
        self.broker = build_broker(self.settings)
        bind_actors(self.broker, actors, self._run)
        self.publisher = self._publisher or DramatiqPublisher(self.broker)
        self._stop = self._call(_new_event())
        if self.relay:
            self._tasks.append(
                self._spawn(run_relay(self.database, self.publisher, self.settings, self._stop))
            )
        if self.scheduler:
            self._tasks.append(self._spawn(run_scheduler(self.database, self.settings, self._stop)))
        if self.consume:
            self._worker = Worker(self.broker, worker_threads=self.threads, worker_timeout=200)
            self._worker.start()
        log.info(
            "worker started (%s broker, %d threads, relay=%s, scheduler=%s)",
            type(self.broker).__name__,
            self.threads if self.consume else 0,
            self.relay,
            self.scheduler,
        )
        # Started: what lives now lives as long as the worker (kit/collector.py).
        collector.freeze()
        self._frozen = True
        return self

    def stop(self, timeout: float = 10) -> None:
        if self._worker is not None:
            self._worker.stop(timeout=int(timeout * 1000))
            self._worker = None
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        for task in self._tasks:
            try:
                task.result(timeout)
            except Exception:
                log.exception("worker task ended with an error")
        self._tasks.clear()
        if self.database is not None:
            self._call(self.database.dispose())
        if self.broker is not None:
            self.broker.close()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout)
        if self._frozen:
            self._frozen = False
            collector.thaw()

    def _run(self, event_id: str) -> None:
        """Called on a Dramatiq worker thread: run the row's job on the loop and wait."""
        assert self.database is not None
        self._call(execute(self.database, self.settings, uuid.UUID(event_id)))

    def _spawn(self, coro: Any) -> Future[None]:
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()


async def _new_event() -> asyncio.Event:
    return asyncio.Event()


def embedded_worker(settings: Settings) -> WorkerRuntime | None:
    """The in-process worker the API server starts when it runs without a separate one."""
    if not settings.runs_embedded_worker:
        return None
    return WorkerRuntime(settings, scheduler=True).start()
