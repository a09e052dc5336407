"""Who may see a shift; the list query in repository.ShiftRepository.visible_to agrees."""

from __future__ import annotations

from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location
from shiftwise.errors import Forbidden
from shiftwise.models import Shift, ShiftState


def can_view_shift(subject: Subject, shift: Shift) -> bool:
    """Planners see every shift of the locations they run; staff see published shifts."""
    if can_manage_location(subject, shift.location_id):
        return True
    return subject.is_staff and shift.state is ShiftState.published


def ensure_can_view_shift(subject: Subject, shift: Shift) -> None:
    if not can_view_shift(subject, shift):
        raise Forbidden("You may not see this shift.")
