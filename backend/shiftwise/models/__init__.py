"""The whole schema in one place."""

from shiftwise.models.api_token import ApiToken
from shiftwise.models.assignment import Assignment, AssignmentSource, AssignmentState
from shiftwise.models.audit_entry import AuditEntry
from shiftwise.models.auth_session import AuthSession
from shiftwise.models.base import Base
from shiftwise.models.idempotency_key import IdempotencyKey
from shiftwise.models.location import Location, location_coordinators
from shiftwise.models.organisation import Organisation
from shiftwise.models.person import EmploymentType, Person
from shiftwise.models.shift import Shift, ShiftState
from shiftwise.models.skill import PersonSkill, Skill
from shiftwise.models.user import Role, User

__all__ = [
    "ApiToken",
    "Assignment",
    "AssignmentSource",
    "AssignmentState",
    "AuditEntry",
    "AuthSession",
    "Base",
    "EmploymentType",
    "IdempotencyKey",
    "Location",
    "Organisation",
    "Person",
    "PersonSkill",
    "Role",
    "Shift",
    "ShiftState",
    "Skill",
    "User",
    "location_coordinators",
]
