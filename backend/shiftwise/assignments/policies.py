"""Who may see an assignment; the list query in AssignmentRepository.page agrees."""

from __future__ import annotations

from shiftwise.assignments.repository import Placement
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location
from shiftwise.errors import Forbidden
from shiftwise.models import Assignment, ShiftState


def can_view_assignment(subject: Subject, assignment: Assignment, placement: Placement) -> bool:
    """Planners of its location; the assigned person once the shift is published."""
    if can_manage_location(subject, placement.location_id):
        return True
    return (
        subject.person_id is not None
        and assignment.person_id == subject.person_id
        and placement.shift_state is not ShiftState.draft
    )


def ensure_can_view_assignment(
    subject: Subject, assignment: Assignment, placement: Placement
) -> None:
    if not can_view_assignment(subject, assignment, placement):
        raise Forbidden("You may not see this assignment.")
