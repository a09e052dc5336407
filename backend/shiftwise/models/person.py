from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Enum, ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.models.base import Base, IdMixin, TimestampMixin


class EmploymentType(enum.StrEnum):
    full_time = "full_time"
    part_time = "part_time"
    casual = "casual"
    volunteer = "volunteer"


class Person(IdMixin, TimestampMixin, Base):
    """A staff member's profile. Contact details are stored only encrypted."""

    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("organisation_id", "email_hash"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True
    )
    display_name: Mapped[str] = mapped_column(String(200))
    email_ciphertext: Mapped[str | None] = mapped_column(String(400))
    email_hash: Mapped[str | None] = mapped_column(String(64))
    phone_ciphertext: Mapped[str | None] = mapped_column(String(400))
    # A personal Teams Workflows webhook URL (a secret: whoever holds it can post).
    teams_webhook_ciphertext: Mapped[str | None] = mapped_column(String(1200))
    # Set when a provider refused a contact for good (bounced address, invalid
    # number): delivery stops trying it until the contact is changed.
    email_failing_since: Mapped[datetime | None]
    email_failure: Mapped[str | None] = mapped_column(String(300))
    phone_failing_since: Mapped[datetime | None]
    phone_failure: Mapped[str | None] = mapped_column(String(300))
    teams_failing_since: Mapped[datetime | None]
    teams_failure: Mapped[str | None] = mapped_column(String(300))
    employment_type: Mapped[EmploymentType] = mapped_column(
        Enum(EmploymentType, native_enum=False, length=20, name="employment_type")
    )
    hourly_rate: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    contracted_hours_per_week: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    max_hours_per_week: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    home_location_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("locations.id", ondelete="SET NULL"), index=True
    )
    payroll_id: Mapped[str | None] = mapped_column(String(100))
    directory_id: Mapped[str | None] = mapped_column(String(100))
    is_active: Mapped[bool] = mapped_column(default=True)
    inactive_since_date: Mapped[date | None]
    # Bumped in the same transaction as every write that can change the rules' facts
    # about this person (their row, skills, assignments, availability, time off, the
    # shifts they hold, their own rule layer): a week grid re-judges only the people
    # whose counter moved since it was built (shiftwise/schedule/version.py).
    facts_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
