"""CP-SAT settings and plumbing the solver's threads share."""

from __future__ import annotations

import threading
from typing import Any

from ortools.sat.python import cp_model


def full_lp(solver: cp_model.CpSolver) -> None:
    """Every constraint in a single worker's LP from the start (linearization level 2,
    not added lazily). Curtois & Qu 11's whole model reached its first root bound in
    7.5 s this way and had none after 25 s with lazy constraints; five people of
    Instance 10 over its 28 days close in 0.4 s, not in 30 s with the defaults
    (ADR 0006)."""
    solver.parameters.linearization_level = 2
    solver.parameters.add_lp_constraints_lazily = False


class Stoppable:
    """One CP-SAT solve at a time, which another thread may stop."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.current: cp_model.CpSolver | None = None

    def solve(
        self,
        solver: cp_model.CpSolver,
        model: cp_model.CpModel,
        stop: threading.Event,
        callback: Any = None,
    ) -> Any:
        """The solve's status; None, and no solve, when `stop` is already set."""
        with self.lock:
            if stop.is_set():
                return None
            self.current = solver
        try:
            return solver.solve(model, callback)
        finally:
            with self.lock:
                self.current = None

    def interrupt(self) -> None:
        with self.lock:
            if self.current is not None:
                self.current.stop_search()
