"""Finished week-grid answers, kept in-process and keyed by the schedule version.

A grid is a function of its organisation's data at a schedule version (schedule/
version.py bumps it in the transaction of every grid-relevant write), so an answer built
at (organisation, location, start date, days, version) is the answer of every request
that reads that version: it is kept as bytes (the JSON, its gzip made on first demand,
its ETag) and a hit sends them without loading a fact. Several API processes each keep
their own; the version lives in the database, so none can serve another's stale grid.

Bounded: at most `max_entries` answers and `max_bytes` of bodies, least recently used
evicted first.

`Lru` keeps what a grid was built from, per grid whatever its version (schedule/grid.py
keeps each person's part of the last answer): a grid rebuilt after a write re-judges
only the people the write changed (docs/adr/0009-grid-facts-versions.md).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from fastapi import Response

Key = tuple[uuid.UUID, uuid.UUID, date, int, int]  # organisation, location, start, days, version
K = TypeVar("K")
V = TypeVar("V")


@dataclass
class Answer:
    """A serialised grid: its JSON, its tag, and its gzip once someone asked for it."""

    body: bytes
    tag: str  # without quotes or the "-gz" suffix
    _gzipped: bytes | None = field(default=None, repr=False)

    @classmethod
    def of(cls, body: bytes, version: int) -> Answer:
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        return cls(body, f"{version}-{digest}")

    @property
    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, compresslevel=1)
        return self._gzipped

    @property
    def size(self) -> int:
        return len(self.body) + len(self._gzipped or b"")

    def response(self, if_none_match: str | None, accept_encoding: str | None) -> Response:
        """200 with the body (gzipped at level 1 when accepted), or 304 when the client
        already holds either representation. Strong ETag, `Vary: Accept-Encoding`."""
        gzipped = "gzip" in (accept_encoding or "")
        etag = f'"{self.tag}-gz"' if gzipped else f'"{self.tag}"'
        headers = {"ETag": etag, "Cache-Control": "private, no-cache", "Vary": "Accept-Encoding"}
        if if_none_match is not None:
            asked = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
            if asked & {f'"{self.tag}"', f'"{self.tag}-gz"'}:
                return Response(status_code=304, headers=headers)
        if gzipped:
            headers["Content-Encoding"] = "gzip"
            return Response(self.gzipped, media_type="application/json", headers=headers)
        return Response(self.body, media_type="application/json", headers=headers)


class GridCache:
    """A bounded LRU of answers. Thread-safe (a lock around the dictionary)."""

    def __init__(self, max_entries: int = 64, max_bytes: int = 128 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Key, Answer] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Key) -> Answer | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Key, answer: Answer) -> None:
        with self._lock:
            # The same grid at an older version will never be asked for again.
            for old in [k for k in self._entries if k[:4] == key[:4] and k[4] < key[4]]:
                del self._entries[old]
            self._entries[key] = answer
            self._entries.move_to_end(key)
            total = sum(a.size for a in self._entries.values())
            while len(self._entries) > self.max_entries or (
                total > self.max_bytes and len(self._entries) > 1
            ):
                _, evicted = self._entries.popitem(last=False)
                total -= evicted.size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)


grids = GridCache()


class Lru(Generic[K, V]):
    """A small thread-safe LRU mapping of at most `max_entries`."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
