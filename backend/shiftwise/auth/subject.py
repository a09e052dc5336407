from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Literal

from shiftwise.models import Role


@dataclass(frozen=True)
class Subject:
    """Who is calling: the user, their organisation and what they coordinate."""

    user_id: uuid.UUID
    organisation_id: uuid.UUID
    role: Role
    person_id: uuid.UUID | None
    via: Literal["session", "token"]
    session_id: uuid.UUID | None = None
    location_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.admin

    @property
    def is_coordinator(self) -> bool:
        return self.role is Role.coordinator

    @property
    def is_staff(self) -> bool:
        return self.role is Role.staff
