"""Who may do what. Small predicates, so handlers never test roles inline."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from shiftwise.auth.subject import Subject
from shiftwise.errors import Forbidden


def can_manage_location(subject: Subject, location_id: uuid.UUID) -> bool:
    """Plan shifts and assignments there: admins anywhere, coordinators where they coordinate."""
    return subject.is_admin or (subject.is_coordinator and location_id in subject.location_ids)


def ensure_can_manage_location(subject: Subject, location_id: uuid.UUID) -> None:
    if not can_manage_location(subject, location_id):
        raise Forbidden("You do not coordinate this location.")


def can_see_drafts(subject: Subject, location_id: uuid.UUID) -> bool:
    return can_manage_location(subject, location_id)


def can_see_contact(
    subject: Subject, person_id: uuid.UUID, home_location_id: uuid.UUID | None
) -> bool:
    """Contact details: the person themself, admins, and coordinators of their home location."""
    if subject.is_admin or subject.person_id == person_id:
        return True
    return (
        subject.is_coordinator
        and home_location_id is not None
        and home_location_id in subject.location_ids
    )


def ensure_admin(subject: Subject) -> None:
    if not subject.is_admin:
        raise Forbidden("Only an administrator may do this.")


def can_act_for_person(
    subject: Subject, person_id: uuid.UUID, home_location_id: uuid.UUID | None
) -> bool:
    """A person's availability and time-off requests: the person themself, admins, and
    coordinators of their home location."""
    if subject.is_admin or subject.person_id == person_id:
        return True
    return (
        subject.is_coordinator
        and home_location_id is not None
        and home_location_id in subject.location_ids
    )


def can_decide_for_person(
    subject: Subject, person_id: uuid.UUID, home_location_id: uuid.UUID | None
) -> bool:
    """Approve or deny a person's request: admins, and coordinators of their home
    location other than the person themself (only an admin has no one above them)."""
    if subject.is_admin:
        return True
    if subject.person_id == person_id:
        return False
    return (
        subject.is_coordinator
        and home_location_id is not None
        and home_location_id in subject.location_ids
    )


def can_view_shift_request(
    subject: Subject,
    party_person_ids: Collection[uuid.UUID | None],
    location_ids: Collection[uuid.UUID],
) -> bool:
    """A swap, offer or drop: its parties (requester, counterpart), admins, and
    coordinators of a location whose shift it moves. (Staff who may take an open drop
    see it too; that depends on their skills, so shiftwise.swaps decides it.)"""
    if subject.is_admin:
        return True
    if subject.person_id is not None and subject.person_id in party_person_ids:
        return True
    return any(can_manage_location(subject, loc) for loc in location_ids)


def can_decide_shift_request(
    subject: Subject,
    party_person_ids: Collection[uuid.UUID | None],
    location_ids: Collection[uuid.UUID],
) -> bool:
    """Approve or deny a swap, offer or drop: admins and coordinators of every location
    whose shift it moves, never one of its parties (not even an admin)."""
    if subject.person_id is not None and subject.person_id in party_person_ids:
        return False
    return all(can_manage_location(subject, loc) for loc in location_ids)
