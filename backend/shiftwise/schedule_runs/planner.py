"""One run without the database: inputs -> solver -> rule engine -> proposal."""

from __future__ import annotations

import threading
import uuid
from collections import Counter

from shiftwise.models import ScheduleRunMode
from shiftwise.schedule_runs import schemas
from shiftwise.schedule_runs.adapter import Mapped, build_problem
from shiftwise.schedule_runs.inputs import Inputs
from shiftwise.schedule_runs.recheck import Pair, recheck
from shiftwise.scheduling import solver
from shiftwise.scheduling.solver.solve import ProgressCallback

# The solver's rules, named as the rule engine names them (blockers of open seats).
_RULE_NAMES = {
    solver.Rule.SKILL: "skill_required",
    solver.Rule.OVERLAP: "overlap",
    solver.Rule.SHIFTS_PER_DAY: "shifts_per_day",
    solver.Rule.MIN_REST: "min_rest",
    solver.Rule.SUCCESSION: "forbidden_succession",
    solver.Rule.MAX_MINUTES: "max_hours_per_period",
    solver.Rule.WINDOW_MAX_MINUTES: "max_hours_per_week",
    solver.Rule.MAX_CONSECUTIVE_DAYS: "max_consecutive_days",
    solver.Rule.MIN_CONSECUTIVE_DAYS_OFF: "min_consecutive_days_off",
    solver.Rule.MAX_WEEKENDS: "max_weekends",
    solver.Rule.DUPLICATE: "already_assigned",
}
_SKILL_CODES = frozenset({"skill_required", "skill_expired"})


class NoSolution(Exception):
    """The search ended without any solution (its status and message say why)."""


def plan(
    inputs: Inputs,
    mode: ScheduleRunMode,
    options: solver.SolveOptions,
    *,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> schemas.Proposal:
    mapped = build_problem(inputs, mode)
    solution = solver.solve(mapped.problem, options, on_progress=on_progress, cancel=cancel)
    if solution.objective is None:
        raise NoSolution(f"{solution.status.value}: {solution.message or 'no solution'}")
    chosen: set[Pair] = {
        (uuid.UUID(a.person_id), uuid.UUID(a.shift_id)) for a in solution.assignments
    }
    add = sorted(chosen - set(mapped.changeable), key=lambda p: (str(p[1]), str(p[0])))
    remove = sorted(set(mapped.changeable) - chosen, key=lambda p: (str(p[1]), str(p[0])))
    checked = recheck(inputs, add, remove)
    return schemas.Proposal(
        solver_status=solution.status.value,
        objective=solution.objective,
        bound=solution.bound,
        terms=dict(solution.terms),
        add=[_proposed(inputs, p) for p in checked.kept],
        remove=[
            schemas.ProposedRemoval(
                assignment_id=mapped.changeable[p], **_proposed(inputs, p).model_dump()
            )
            for p in remove
        ],
        open_seats=_open_seats(inputs, mapped, solution, checked.kept, remove),
        dropped=[
            schemas.DroppedAssignment(assignment=_proposed(inputs, p), violations=vs)
            for p, vs in checked.dropped
        ],
        warnings=checked.warnings,
    )


def _proposed(inputs: Inputs, pair: Pair) -> schemas.ProposedAssignment:
    pid, sid = pair
    rs = inputs.shifts[sid]
    return schemas.ProposedAssignment(
        shift_id=sid,
        location_id=rs.shift.location_id,
        location_name=rs.location_name,
        person_id=pid,
        person_display_name=inputs.names.get(pid, ""),
        starts_at=rs.shift.starts_at,
        ends_at=rs.shift.ends_at,
        local_date=rs.fact.local_date,
    )


def _open_seats(
    inputs: Inputs,
    mapped: Mapped,
    solution: solver.Solution,
    kept: list[Pair],
    remove: list[Pair],
) -> list[schemas.OpenSeat]:
    removed = set(remove)
    filled = Counter(a.shift_id for a in inputs.live if (a.person_id, a.shift_id) not in removed)
    filled.update(sid for _, sid in kept)
    explained = {uuid.UUID(o.shift_id): o for o in solution.open_seats}
    candidates = [uuid.UUID(p.id) for p in mapped.problem.people]
    out: list[schemas.OpenSeat] = []
    for sid, rs in inputs.shifts.items():
        missing = rs.shift.headcount - filled[sid]
        if missing <= 0:
            continue
        found = explained.get(sid)
        blocked: list[schemas.Blocker] = []
        if found is not None:
            for b in found.blocked:
                pid = uuid.UUID(b.person_id)
                names = mapped.blocked.get((pid, sid)) or sorted(
                    {_RULE_NAMES.get(r, r.value) for r in b.rules}
                )
                blocked.append(
                    schemas.Blocker(
                        person_id=pid, person_display_name=inputs.names.get(pid, ""), rules=names
                    )
                )
        # Who lacks the skill is the rule engine's word (the solver sees a closed pair).
        qualified = [
            p for p in candidates if not _SKILL_CODES & set(mapped.blocked.get((p, sid), ()))
        ]
        if not qualified:
            reason = schemas.OpenReason.no_one_qualified
            blocked = []
        elif found is None:
            reason = schemas.OpenReason.refused
        else:
            reason = schemas.OpenReason(found.reason.value)
            if reason is schemas.OpenReason.no_one_qualified:
                reason = schemas.OpenReason.all_blocked
        out.append(
            schemas.OpenSeat(
                shift_id=sid,
                location_id=rs.shift.location_id,
                starts_at=rs.shift.starts_at,
                ends_at=rs.shift.ends_at,
                local_date=rs.fact.local_date,
                count=missing,
                reason=reason,
                blocked=blocked,
            )
        )
    return out
