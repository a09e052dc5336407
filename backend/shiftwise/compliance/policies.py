"""Who may see and change rule layers (the organisation's and locations' are admin-only)."""

from __future__ import annotations

import uuid

from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_act_for_person, can_decide_for_person
from shiftwise.errors import Forbidden


def can_view_person_rules(
    subject: Subject, person_id: uuid.UUID, home_location_id: uuid.UUID | None
) -> bool:
    """Admins and coordinators of the person's home location (staff never: rules are
    the planners' business, and a person's layer may reflect private arrangements)."""
    return not subject.is_staff and can_act_for_person(subject, person_id, home_location_id)


def ensure_can_edit_person_rules(
    subject: Subject, person_id: uuid.UUID, home_location_id: uuid.UUID | None
) -> None:
    """Admins, and coordinators of the home location other than the person themself."""
    if not can_decide_for_person(subject, person_id, home_location_id):
        raise Forbidden("Only an administrator or the person's home coordinator may do this.")
