"""The column generation alone on one core, from the construction's schedule, run to
convergence and its support search (ADR 0006, "the column generation takes the lead").

    uv run python -m bench.column_alone --instance 12 --time-limit 150

Prints each pricing round (seconds from the start, the master LP's value, the bound),
the pricing solves' count and mean cost, and what the search on the converged LP's
support found.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time

from bench.curtois import DATA_DIR, parse, to_problem
from shiftwise.scheduling.solver.check import objective_terms
from shiftwise.scheduling.solver.columns import ColumnBound
from shiftwise.scheduling.solver.construct import construct
from shiftwise.scheduling.solver.lns import Incumbent
from shiftwise.scheduling.solver.model import interchangeable


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="the column generation alone, to convergence")
    ap.add_argument("--instance", type=int, default=12)
    ap.add_argument("--time-limit", type=float, default=150.0)
    ap.add_argument(
        "--no-labelling",
        action="store_true",
        help="price every person with CP-SAT, as before the labelling pricer",
    )
    args = ap.parse_args(argv)
    out = sys.stdout
    problem = to_problem(parse(DATA_DIR / f"Instance{args.instance}.txt"))
    started = time.monotonic()
    incumbent = Incumbent(started=started)
    groups = [[p.id for p in g] for g in interchangeable(problem)]
    chosen = frozenset(construct(problem, 5.0, groups)[0])
    incumbent.offer(chosen, sum(objective_terms(problem, chosen).values()))
    out.write(f"construction: {incumbent.objective} at {time.monotonic() - started:.1f} s\n")
    stop = threading.Event()
    cb = ColumnBound(
        problem,
        incumbent,
        time.monotonic() + args.time_limit,
        stop,
        labelling=not args.no_labelling,
    )
    thread = threading.Thread(target=cb.run)
    thread.start()
    while thread.is_alive():  # as the solver's watcher: a proof stops everything
        thread.join(0.05)
        if incumbent.proven and not stop.is_set():
            stop.set()
            cb.interrupt()
    r = cb.report
    for at, lp, bound in r.trace:
        out.write(f"  {at:6.1f} s  LP {lp:10.1f}  bound {bound}\n")
    if r.trace and r.rounds > 1:
        # The rounds after the first (pricing nearly all of each, and the master LP).
        per_round = (r.trace[-1][0] - r.trace[0][0]) / (r.rounds - 1)
        out.write(f"rounds: about {per_round:.2f} s each, {len(cb.groups)} groups priced\n")
    out.write(f"rounds {r.rounds} ({r.labelled} by labelling alone), columns {r.columns}, ")
    out.write(f"converged at {r.converged_s} s\n")
    out.write(f"LP {r.lp}, bound {r.bound}, support searches {r.searches}\n")
    for target, off, worked, questions, status, seconds in r.proofs:
        out.write(
            f"proof, objective <= {target}: {off} pairs off, {worked} days worked "
            f"({questions} questions), restricted whole model {status}, {seconds} s\n"
        )
    finished = time.monotonic() - started
    out.write(f"best schedule {incumbent.objective}; finished at {finished:.1f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
