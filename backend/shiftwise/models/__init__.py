"""The whole schema in one place."""

from shiftwise.models.api_token import ApiToken
from shiftwise.models.assignment import Assignment, AssignmentSource, AssignmentState
from shiftwise.models.audit_entry import AuditEntry
from shiftwise.models.auth_session import AuthSession
from shiftwise.models.availability import (
    AvailabilityException,
    AvailabilitySlot,
    AvailabilityStatus,
)
from shiftwise.models.base import Base
from shiftwise.models.calendar_feed_token import CalendarFeedToken
from shiftwise.models.compliance_rule_setting import ComplianceRuleSetting
from shiftwise.models.grid_parts import GridParts
from shiftwise.models.idempotency_key import IdempotencyKey
from shiftwise.models.location import Location, location_coordinators
from shiftwise.models.notification import Notification
from shiftwise.models.notification_delivery import DeliveryState, NotificationDelivery
from shiftwise.models.notification_preference import NotificationPreference
from shiftwise.models.organisation import Organisation
from shiftwise.models.outbox_event import OutboxEvent
from shiftwise.models.person import EmploymentType, Person
from shiftwise.models.schedule_run import (
    ScheduleRun,
    ScheduleRunMode,
    ScheduleRunState,
    schedule_run_locations,
)
from shiftwise.models.shift import Shift, ShiftState
from shiftwise.models.shift_request import ShiftRequest, ShiftRequestKind, ShiftRequestState
from shiftwise.models.shift_template import ShiftTemplate
from shiftwise.models.skill import PersonSkill, Skill
from shiftwise.models.time_off_request import TimeOffKind, TimeOffRequest, TimeOffState
from shiftwise.models.user import Role, User

__all__ = [
    "ApiToken",
    "Assignment",
    "AssignmentSource",
    "AssignmentState",
    "AuditEntry",
    "AuthSession",
    "AvailabilityException",
    "AvailabilitySlot",
    "AvailabilityStatus",
    "Base",
    "CalendarFeedToken",
    "ComplianceRuleSetting",
    "DeliveryState",
    "EmploymentType",
    "GridParts",
    "IdempotencyKey",
    "Location",
    "Notification",
    "NotificationDelivery",
    "NotificationPreference",
    "Organisation",
    "OutboxEvent",
    "Person",
    "PersonSkill",
    "Role",
    "ScheduleRun",
    "ScheduleRunMode",
    "ScheduleRunState",
    "Shift",
    "ShiftRequest",
    "ShiftRequestKind",
    "ShiftRequestState",
    "ShiftState",
    "ShiftTemplate",
    "Skill",
    "TimeOffKind",
    "TimeOffRequest",
    "TimeOffState",
    "User",
    "location_coordinators",
    "schedule_run_locations",
]
