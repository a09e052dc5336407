"""Throttling of failed sign-ins, per account and per client address.

Redis keeps the counters when configured (several API processes share them);
otherwise an in-process window does. Failures expire, so a victim is never locked
out for good.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from typing import Protocol

from redis.asyncio import Redis


class FailureCounter(Protocol):
    async def count(self, key: str) -> int: ...
    async def add(self, key: str) -> None: ...
    async def clear(self, key: str) -> None: ...


class MemoryFailureCounter:
    def __init__(self, window_seconds: int) -> None:
        self.window = window_seconds
        self._events: dict[str, deque[float]] = defaultdict(deque)

    def _trim(self, key: str) -> deque[float]:
        events = self._events[key]
        cutoff = time.monotonic() - self.window
        while events and events[0] < cutoff:
            events.popleft()
        return events

    async def count(self, key: str) -> int:
        return len(self._trim(key))

    async def add(self, key: str) -> None:
        self._trim(key).append(time.monotonic())

    async def clear(self, key: str) -> None:
        self._events.pop(key, None)


class RedisFailureCounter:
    def __init__(self, redis: Redis, window_seconds: int) -> None:
        self.redis = redis
        self.window = window_seconds

    async def count(self, key: str) -> int:
        value = await self.redis.get(f"shiftwise:login-failures:{key}")
        return int(value or 0)

    async def add(self, key: str) -> None:
        name = f"shiftwise:login-failures:{key}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, self.window, nx=True)
            await pipe.execute()

    async def clear(self, key: str) -> None:
        await self.redis.delete(f"shiftwise:login-failures:{key}")
