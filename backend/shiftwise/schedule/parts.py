"""What a week grid was built from: each shown person's part, kept in the process and in
the database.

A person's part (their row and their violations) is a function of the organisation's
facts epoch, the person's facts version (schedule/version.py) and the code that judged
it. A grid rebuilt after a write re-judges only the people whose part no longer holds
(docs/adr/0009-grid-facts-versions.md). Parts live in two places:

- `kept`, in each process: the last parts of the grids this process built;
- the `grid_parts` table, shared by every process and kept across restarts
  (docs/adr/0011-grid-parts-stored.md). A process with no parts of its own for a grid
  reads them there (`load`, one statement, none when the row is of another epoch or of
  other code); it writes its parts back (`save`, after the answer is sent) once it has
  judged a tenth of the people since they were last stored, so a stored copy is never
  more than that far behind; the worker re-judges the current weeks' parts after a
  change to everyone's rules (schedule/warm.py), before anyone asks for them.

Stored parts are compressed JSON, validated on the way back in (no pickle); each part's
row and violations are the answer's own JSON, stored as they are.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import uuid
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pydantic
from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import GridParts
from shiftwise.schedule import cache
from shiftwise.schedule.repository import ShownPerson

log = logging.getLogger(__name__)

SortKey = tuple[bool, date, str]  # hard first, then by day, then by person


@dataclass(frozen=True)
class PersonPart:
    """One person's part of a grid (their row and their violations, each with its sort
    key, as the answer's JSON), and the person as shown when it was judged, their facts
    version included. Kept as JSON, a part is assembled into an answer as it is, and
    stored and read back without building its objects again."""

    shown: ShownPerson
    row: bytes
    violations: tuple[tuple[SortKey, bytes], ...]


@dataclass(frozen=True)
class Parts:
    """What a grid was built from: each shown person's part, valid while the
    organisation's facts epoch is `epoch` and the person's facts version is unchanged.
    `unsaved` counts the people judged since these parts were last stored."""

    epoch: int
    people: dict[uuid.UUID, PersonPart]
    unsaved: int = 0

    def keep(self, epoch: int, person: ShownPerson) -> PersonPart | None:
        if epoch != self.epoch:
            return None
        part = self.people.get(person.id)
        return part if part is not None and part.shown == person else None

    def due(self) -> bool:
        """Whether to store these parts: a tenth of the people (at least one) were
        judged since they were last stored."""
        return self.unsaved > 0 and self.unsaved >= max(1, len(self.people) // 10)


PartsKey = tuple[uuid.UUID, uuid.UUID, date, int]  # organisation, location, start, days
# The last parts of the grids asked for: a 300-person week's are ~2 MiB of objects
# (measured with tracemalloc), so at most ~32 MiB.
kept = cache.Lru[PartsKey, Parts](max_entries=16)


def _fingerprint() -> str:
    """A digest of this package's source and of the versions that shape the stored JSON:
    parts judged by other code are never read (a deploy re-judges, the worker first)."""
    digest = hashlib.blake2b(digest_size=16)
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    digest.update(f"{pydantic.VERSION} {sys.version_info[:2]}".encode())
    return digest.hexdigest()


FINGERPRINT = _fingerprint()

_CODEC = TypeAdapter(dict[uuid.UUID, PersonPart])


def encode(parts: Parts) -> bytes:
    return zlib.compress(_CODEC.dump_json(parts.people), 1)


def decode(blob: bytes) -> dict[uuid.UUID, PersonPart]:
    return _CODEC.validate_json(zlib.decompress(blob))


async def load(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    location_id: uuid.UUID,
    start_date: date,
    days: int,
    epoch: int,
) -> Parts | None:
    """The stored parts of the grid, if judged at this epoch by this code."""
    blob = await session.scalar(
        select(GridParts.parts).where(
            GridParts.organisation_id == organisation_id,
            GridParts.location_id == location_id,
            GridParts.start_date == start_date,
            GridParts.days == days,
            GridParts.facts_epoch == epoch,
            GridParts.fingerprint == FINGERPRINT,
        )
    )
    if blob is None:
        return None
    try:
        return Parts(epoch, decode(blob))
    except (ValidationError, zlib.error):  # the same code wrote it: only by hand
        log.warning("unreadable grid parts for %s %s (%d days)", location_id, start_date, days)
        return None


async def save(database: Database, key: PartsKey, parts: Parts) -> None:
    """Store the grid's parts in their own transaction, unless parts of a newer epoch
    are already there (a slow writer never puts older judgements back)."""
    organisation_id, location_id, start_date, days = key
    values = {
        "location_id": location_id,
        "start_date": start_date,
        "days": days,
        "organisation_id": organisation_id,
        "facts_epoch": parts.epoch,
        "fingerprint": FINGERPRINT,
        "people": len(parts.people),
        "parts": encode(parts),
        "built_at": utcnow(),
    }
    dialect = postgresql if database.engine.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(GridParts).values(values)
    primary = ("location_id", "start_date", "days")
    stmt = stmt.on_conflict_do_update(
        index_elements=list(primary),
        set_={k: stmt.excluded[k] for k in values if k not in primary},
        where=GridParts.facts_epoch <= stmt.excluded.facts_epoch,
    )
    async with database.session(write=True) as session:
        await session.execute(stmt)


async def save_quietly(database: Database, key: PartsKey, parts: Parts) -> None:
    """`save` after an answer was sent: a failure costs a later rebuild, not a request."""
    try:
        await save(database, key, parts)
    except Exception:
        log.exception("could not store the parts of grid %s", key)
