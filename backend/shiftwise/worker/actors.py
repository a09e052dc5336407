"""Typed actors: dotted names, ids-only arguments, enqueued through the outbox.

A handler is an async function taking a JobContext and keyword ids:

    @actor("scheduling.run_solver", queue="scheduling", max_attempts=3)
    async def run_solver(job: JobContext, run_id: uuid.UUID) -> None: ...

    # in a request's transaction (never the broker directly):
    await enqueue(session, org_id, run_solver.message(run_id=run.id))

Delivery is at least once, so handlers must be idempotent: check state before acting
and give side effects the context's deterministic `idempotency_key`.
This module does not import the broker; shiftwise/worker/broker.py binds actors to it.
"""

from __future__ import annotations

import importlib
import inspect
import re
import types
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Concatenate,
    Generic,
    ParamSpec,
    Union,
    get_args,
    get_type_hints,
)

if TYPE_CHECKING:
    from shiftwise.config import Settings
    from shiftwise.db import Database

P = ParamSpec("P")

# Events whose topic names no actor go to this one (it routes them to people's sinks).
EVENT_ACTOR = "notifications.deliver"
# Modules whose import registers the built-in actors.
BUILTIN_MODULES = (
    "shiftwise.notifications.tasks",
    "shiftwise.worker.maintenance",
    "shiftwise.schedule_runs.tasks",
    "shiftwise.notifications.periodic",
)

_NAME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
_ID_TYPES = (uuid.UUID, str, int, bool, type(None))


@dataclass
class JobContext:
    """What a handler knows about the outbox row it runs for."""

    event_id: uuid.UUID
    organisation_id: uuid.UUID
    topic: str
    person_id: uuid.UUID | None
    payload: dict[str, Any]
    dedupe_key: str | None
    attempt: int
    database: Database
    settings: Settings
    lease_until: datetime
    extend: Callable[[timedelta], Awaitable[datetime]] = field(repr=False)

    @property
    def idempotency_key(self) -> str:
        """Deterministic for the row: the same on every redelivery and retry."""
        return self.dedupe_key or str(self.event_id)

    async def extend_lease(self, by: timedelta) -> None:
        """Long jobs call this now and then so the relay does not hand them on again."""
        self.lease_until = await self.extend(by)


@dataclass(frozen=True)
class Job:
    """An actor and its (JSON-ready) ids: what enqueue() writes to the outbox."""

    actor: str
    args: dict[str, Any]


Handler = Callable[Concatenate[JobContext, P], Awaitable[None]]


class Actor(Generic[P]):
    def __init__(self, fn: Handler[P], name: str, queue: str, max_attempts: int | None) -> None:
        self.fn = fn
        self.name = name
        self.queue = queue
        self.max_attempts = max_attempts
        self._signature = inspect.signature(fn)

    def __repr__(self) -> str:
        return f"Actor({self.name!r})"

    def message(self, *args: P.args, **kwargs: P.kwargs) -> Job:
        """The job for these ids; refuses anything but ids (UUIDs, short strings, ints)."""
        bound = self._signature.bind(None, *args, **kwargs)
        values = dict(list(bound.arguments.items())[1:])
        out: dict[str, Any] = {}
        for key, value in values.items():
            if not isinstance(value, _ID_TYPES) or (isinstance(value, str) and len(value) > 200):
                raise TypeError(
                    f"{self.name}: argument {key!r} must be an id (UUID, int or short str), "
                    f"not {type(value).__name__}"
                )
            out[key] = str(value) if isinstance(value, uuid.UUID) else value
        return Job(self.name, out)

    async def run(self, ctx: JobContext, stored: dict[str, Any]) -> None:
        """Call the handler with the stored ids turned back into their annotated types."""
        hints = get_type_hints(self.fn)
        kwargs = {key: _decode(hints.get(key), value) for key, value in stored.items()}
        await self.fn(ctx, **kwargs)  # type: ignore[call-arg]


def _decode(hint: Any, value: Any) -> Any:
    if isinstance(value, str):
        options = get_args(hint) if isinstance(hint, types.UnionType) or _is_union(hint) else ()
        if hint is uuid.UUID or uuid.UUID in options:
            return uuid.UUID(value)
    return value


def _is_union(hint: Any) -> bool:
    return getattr(hint, "__origin__", None) is Union


_REGISTRY: dict[str, Actor[Any]] = {}


def actor(
    name: str, *, queue: str = "default", max_attempts: int | None = None
) -> Callable[[Handler[P]], Actor[P]]:
    """Register an async handler under a dotted name (e.g. "notifications.deliver")."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"actor names are dotted lower-case words, not {name!r}")

    def register(fn: Handler[P]) -> Actor[P]:
        existing = _REGISTRY.get(name)
        if existing is not None and existing.fn.__qualname__ != fn.__qualname__:
            raise ValueError(f"an actor named {name!r} is already registered")
        registered: Actor[P] = Actor(fn, name, queue, max_attempts)
        _REGISTRY[name] = registered
        return registered

    return register


def task_modules() -> list[str]:
    """Every domain package's `tasks.py` (the house layout puts actors there)."""
    import shiftwise

    root = Path(shiftwise.__path__[0])
    return sorted(f"shiftwise.{p.parent.name}.tasks" for p in root.glob("*/tasks.py"))


def load_actors(extra_modules: Iterable[str] = ()) -> dict[str, Actor[Any]]:
    """Import the modules that declare actors (built-ins, every shiftwise/*/tasks.py and
    `extra_modules`); return every registered actor by name."""
    for module in (*BUILTIN_MODULES, *task_modules(), *extra_modules):
        importlib.import_module(module)
    return dict(_REGISTRY)


def actor_for(topic: str) -> Actor[Any]:
    """The actor that handles an outbox row: the one named by its topic, else delivery."""
    found = _REGISTRY.get(topic)
    if found is None:
        found = _REGISTRY[EVENT_ACTOR]
    return found


def extra_modules(setting: str) -> list[str]:
    return [m.strip() for m in setting.split(",") if m.strip()]
