"""Timing HTTP requests: one client in sequence, then many clients at once."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

# A request maker: given the request's sequence number, send it and return the response.
Call = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]


@dataclass(frozen=True)
class Result:
    requests: int
    statuses: dict[int, int]
    median_ms: float
    p95_ms: float
    seconds: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def ok(self, expected: int) -> int:
        return self.statuses.get(expected, 0)


def _summarise(latencies: list[float], statuses: Counter[int], seconds: float) -> Result:
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return Result(
        requests=len(ordered),
        statuses=dict(statuses),
        median_ms=statistics.median(ordered) * 1000,
        p95_ms=p95 * 1000,
        seconds=seconds,
    )


async def run(
    client: httpx.AsyncClient, call: Call, *, first: int, count: int, workers: int
) -> Result:
    """`count` requests numbered from `first`, by `workers` concurrent clients."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    numbers = iter(range(first, first + count))

    async def worker() -> None:
        for n in numbers:  # shared iterator: each number is taken by exactly one worker
            started = time.perf_counter()
            response = await call(client, n)
            latencies.append(time.perf_counter() - started)
            statuses[response.status_code] += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(workers)))
    return _summarise(latencies, statuses, time.perf_counter() - started)


def host_speed(additions: int = 10_000_000, repeats: int = 3) -> float:
    """Seconds a plain Python loop of `additions` additions takes (best of `repeats`).

    The machine is a shared virtual host whose speed has varied by up to 2x within an
    hour on an otherwise idle machine (the same grid benchmark code: 221 and 438 ms),
    which the load average does not show: benchmarks print this beside their figures,
    and two runs compare only when it is close. Best of several, so that a moment's
    contention does not count."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        total = 0
        for i in range(additions):
            total += i
        best = min(best, time.perf_counter() - started)
    return best
