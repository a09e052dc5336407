"""Pure auto-scheduler: plain dataclasses in, assignments out (OR-Tools CP-SAT).

No database, no web types: an adapter maps the product's rows onto `Problem` and the
`Solution` back onto proposals.
"""

from .check import objective_terms, violations
from .problem import (
    MINUTES_PER_DAY,
    Demand,
    Existing,
    Limits,
    MinutesWindow,
    Person,
    Preference,
    Problem,
    SkillGrant,
    Succession,
    Weights,
)
from .result import (
    Assignment,
    Blocker,
    OpenReason,
    OpenSeats,
    Progress,
    Rule,
    Solution,
    Status,
    Violation,
)
from .solve import SolveOptions, solve

__all__ = [
    "MINUTES_PER_DAY",
    "Assignment",
    "Blocker",
    "Demand",
    "Existing",
    "Limits",
    "MinutesWindow",
    "OpenReason",
    "OpenSeats",
    "Person",
    "Preference",
    "Problem",
    "Progress",
    "Rule",
    "SkillGrant",
    "Solution",
    "SolveOptions",
    "Status",
    "Succession",
    "Violation",
    "Weights",
    "objective_terms",
    "solve",
    "violations",
]
