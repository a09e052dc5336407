"""Fault injection shared by the fake providers: the next N responses fail."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from fastapi import Response


@dataclass
class Fault:
    status: int
    retry_after: str | None = None
    body: bytes = b""


class Faults:
    def __init__(self) -> None:
        self._queue: list[Fault] = []
        self._lock = threading.Lock()

    def fail_next(self, status: int, *, times: int = 1, retry_after: str | None = None) -> None:
        with self._lock:
            self._queue.extend(Fault(status, retry_after) for _ in range(times))

    def take(self) -> Response | None:
        with self._lock:
            if not self._queue:
                return None
            fault = self._queue.pop(0)
        headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
        return Response(status_code=fault.status, headers=headers, content=fault.body)
