from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.kit.time import utcnow
from shiftwise.models.base import Base


class GridParts(Base):
    """What a week grid was last built from, shared by every process and kept across
    restarts: each shown person's row and violations (schedule/stored.py).

    Valid while the organisation's facts epoch is `facts_epoch` and the code that built
    it is `fingerprint`; each person's part also while their facts version is the one
    it records. Not a grid table: writing it changes no schedule version.
    """

    __tablename__ = "grid_parts"

    location_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), primary_key=True
    )
    start_date: Mapped[date] = mapped_column(primary_key=True)
    days: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    facts_epoch: Mapped[int] = mapped_column(BigInteger)
    fingerprint: Mapped[str] = mapped_column(String(32))
    people: Mapped[int]  # how many parts `parts` holds
    parts: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed JSON
    built_at: Mapped[datetime] = mapped_column(default=utcnow)
