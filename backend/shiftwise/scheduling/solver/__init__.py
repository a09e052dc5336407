"""Pure auto-scheduler: plain dataclasses in, assignments out (OR-Tools CP-SAT).

No database, no web types: an adapter maps the product's rows onto `Problem` and the
`Solution` back onto proposals:

- a shift with N open seats for a skill -> one `Demand` (need=N, times in minutes from the
  period start, `day` = its local date's index, `kind` = the rule engine's shift kind,
  `paid_minutes` = elapsed minus unpaid break);
- a person -> `Person`: skills with expiry (`SkillGrant.valid_until`), approved time off
  (`time_off_days`, or `unavailable_periods` for part days), unavailability, contract and
  rule limits (`Limits`, per-week hours as `MinutesWindow`s), preferences, contract hours
  (`target_minutes`), rates;
- published assignments -> `Existing` (fixed, or changeable at `Weights.change`);
- the organisation's rules -> `Succession`s, `min_rest_minutes`, `weekends`, `Weights`.

    solve(problem, SolveOptions(time_limit_s=60), on_progress=..., cancel=event) -> Solution

The result lists assignments (all of them, fixed ones included), the objective by term,
and every open seat with its reason. `violations(problem, pairs)` re-checks hard rules
independently of the model; the product re-checks with its rule engine as well.
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
