from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.models.base import Base, IdMixin, TimestampMixin


class Organisation(IdMixin, TimestampMixin, Base):
    __tablename__ = "organisations"
    __table_args__ = (CheckConstraint("week_start BETWEEN 0 AND 6", name="week_start_range"),)

    name: Mapped[str] = mapped_column(String(200))
    default_time_zone: Mapped[str] = mapped_column(String(64))
    # 0 = Monday … 6 = Sunday, as in Python's date.weekday().
    week_start: Mapped[int] = mapped_column(default=0)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Bumped in the same transaction as every write that can change a schedule grid
    # (shiftwise/schedule/version.py); the grid's cache and ETag are keyed by it.
    schedule_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # Bumped with it when a write can change what the rules say about everyone (a rule
    # layer of the organisation or a location, a skill, a location, the settings, a bulk
    # statement): the grid then re-judges everyone, not just the people whose own
    # `facts_version` moved (shiftwise/schedule/version.py, docs/adr/0009).
    facts_epoch: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
