from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.kit.time import utcnow
from shiftwise.models.base import Base


class CalendarFeedToken(Base):
    """A person's secret calendar-feed token: one per person, replaced on reset.

    Looked up by its SHA-256 (`token_hash`, so a database leak gives no working
    feed URL); kept encrypted as well (AAD: the person id) so the person can be
    shown their current URL again.
    """

    __tablename__ = "calendar_feed_tokens"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_ciphertext: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
