"""The solver job: reads the period, searches in a thread, writes progress and the proposal.

The search holds no transaction. Progress (objective, bound, gap, elapsed) is written
at most every PROGRESS_SECONDS in its own short transaction, which also reads the
run's cancel flag and passes it to the search. Redelivered after it finished, the job
does nothing; redelivered while marked running (its worker died), it starts over.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from shiftwise.db import Database
from shiftwise.kit.time import utcnow
from shiftwise.models import ScheduleRun, ScheduleRunMode, ScheduleRunState
from shiftwise.schedule_runs.inputs import load_inputs
from shiftwise.schedule_runs.planner import NoSolution, plan
from shiftwise.schedule_runs.repository import ScheduleRunRepository
from shiftwise.scheduling import solver
from shiftwise.worker.actors import JobContext, actor

log = logging.getLogger(__name__)

PROGRESS_SECONDS = 0.5


@dataclass(frozen=True)
class _Asked:
    organisation_id: uuid.UUID
    location_ids: list[uuid.UUID]
    start_date: date
    days: int
    time_limit_s: int
    mode: ScheduleRunMode


class _Latest:
    """The newest progress report, handed from solver threads to the job's loop."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.value: solver.Progress | None = None
        self.written: solver.Progress | None = None

    def offer(self, progress: solver.Progress) -> None:
        with self.lock:
            self.value = progress

    def take(self) -> solver.Progress | None:
        with self.lock:
            if self.value is self.written:
                return None
            self.written = self.value
            return self.value


async def _start(database: Database, run_id: uuid.UUID) -> _Asked | None:
    async with database.session(write=True) as s:
        run = await s.get(ScheduleRun, run_id, with_for_update=True)
        if run is None or run.state not in (ScheduleRunState.queued, ScheduleRunState.running):
            return None
        if run.cancel_requested:
            run.state, run.finished_at = ScheduleRunState.cancelled, utcnow()
            return None
        run.state, run.started_at = ScheduleRunState.running, utcnow()
        locations = await ScheduleRunRepository(s, run.organisation_id).locations_of([run.id])
        return _Asked(
            run.organisation_id,
            locations.get(run.id, []),
            run.start_date,
            run.days,
            run.time_limit_s,
            run.mode,
        )


async def _report(database: Database, run_id: uuid.UUID, progress: solver.Progress | None) -> bool:
    """Write progress (if any); answer whether cancellation was asked."""
    async with database.session(write=progress is not None) as s:
        run = await s.get(ScheduleRun, run_id)
        if run is None:
            return True
        if progress is not None:
            run.objective, run.bound = progress.objective, progress.bound
            run.gap, run.elapsed_s = round(progress.gap, 6), round(progress.elapsed_s, 3)
        return run.cancel_requested


@actor("scheduling.run_solver", queue="scheduling", max_attempts=3)
async def run_solver(job: JobContext, run_id: uuid.UUID) -> None:
    """Solve one schedule run and store its proposal (or why there is none)."""
    database = job.database
    asked = await _start(database, run_id)
    if asked is None:
        return
    await job.extend_lease(timedelta(seconds=asked.time_limit_s + 300))
    started = utcnow()
    cancel = threading.Event()
    latest = _Latest()
    error: str | None = None
    proposal = None
    try:
        async with database.session(write=False) as s:
            inputs = await load_inputs(
                s,
                asked.organisation_id,
                asked.location_ids,
                asked.start_date,
                asked.days,
            )
        options = solver.SolveOptions(time_limit_s=float(asked.time_limit_s), workers=2)
        task = asyncio.ensure_future(
            asyncio.to_thread(
                plan, inputs, asked.mode, options, on_progress=latest.offer, cancel=cancel
            )
        )
        while not task.done():
            await asyncio.wait({task}, timeout=PROGRESS_SECONDS)
            if await _report(database, run_id, latest.take()):
                cancel.set()
        proposal = task.result()
    except NoSolution as exc:
        error = f"No schedule found ({exc})."
    except Exception as exc:
        log.exception("schedule run %s failed", run_id)
        error = f"The run failed: {type(exc).__name__}: {exc}"[:1900]
    async with database.session(write=True) as s:
        run = await s.get(ScheduleRun, run_id, with_for_update=True)
        if run is None or run.state is not ScheduleRunState.running:
            return
        run.finished_at = utcnow()
        run.elapsed_s = round((run.finished_at - started).total_seconds(), 3)
        if cancel.is_set() or run.cancel_requested:
            run.state, run.message = ScheduleRunState.cancelled, "Cancelled; nothing proposed."
        elif proposal is None:
            run.state, run.message = ScheduleRunState.failed, error
        else:
            run.state = ScheduleRunState.succeeded
            run.objective, run.bound = proposal.objective, proposal.bound
            if proposal.objective:
                run.gap = round(
                    abs(proposal.objective - (proposal.bound or 0)) / proposal.objective, 6
                )
            else:
                run.gap = 0.0
            run.proposal = proposal.model_dump(mode="json")
            run.message = f"{len(proposal.add)} to add, {len(proposal.remove)} to remove, " + (
                f"{sum(o.count for o in proposal.open_seats)} seat(s) left open."
            )
