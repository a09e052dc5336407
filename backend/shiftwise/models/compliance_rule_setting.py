from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shiftwise.models.base import Base, IdMixin, TimestampMixin


class ComplianceRuleSetting(IdMixin, TimestampMixin, Base):
    """One layer of rule settings: the organisation's, a location's or a person's.

    `rules` is the JSON shape `shiftwise.scheduling.rules.resolve` reads:
    {"min_rest": {"enabled": true, "severity": "hard", "params": {"hours": 11}}}.
    """

    __tablename__ = "compliance_rule_settings"
    __table_args__ = (UniqueConstraint("organisation_id", "scope_key"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    # "organisation", "location:<uuid>" or "person:<uuid>": one row per layer.
    scope_key: Mapped[str] = mapped_column(String(60))
    location_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE")
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    rules: Mapped[dict[str, Any]] = mapped_column(default=dict)
