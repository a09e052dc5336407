from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.models.base import Base, IdMixin, TimestampMixin


class ShiftRequestKind(enum.StrEnum):
    swap = "swap"  # my assignment for a named colleague's assignment
    offer = "offer"  # my assignment to a named colleague
    drop = "drop"  # my assignment to anyone qualified


class ShiftRequestState(enum.StrEnum):
    pending = "pending"
    accepted = "accepted"  # by the counterpart; waits for a coordinator
    approved = "approved"
    denied = "denied"
    cancelled = "cancelled"
    expired = "expired"


class ShiftRequest(IdMixin, TimestampMixin, Base):
    __tablename__ = "shift_requests"
    __table_args__ = (Index("ix_shift_requests_org_state", "organisation_id", "state"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    kind: Mapped[ShiftRequestKind] = mapped_column(
        Enum(ShiftRequestKind, native_enum=False, length=20, name="shift_request_kind")
    )
    state: Mapped[ShiftRequestState] = mapped_column(
        Enum(ShiftRequestState, native_enum=False, length=20, name="shift_request_state"),
        default=ShiftRequestState.pending,
    )
    assignment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), index=True
    )
    requester_person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    # The named colleague (swap, offer), or whoever took a drop once accepted.
    counterpart_person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    # For a swap: the colleague's assignment the requester takes in return.
    counterpart_assignment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE")
    )
    expires_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(String(1000))
    # The rule verdict when the request was last decided (violations as data).
    verdict: Mapped[dict[str, Any] | None]
    accepted_at: Mapped[datetime | None]
    decided_by_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]
    # What the coordinator wrote when approving or denying (shown to the requester).
    decision_note: Mapped[str | None] = mapped_column(String(1000))
