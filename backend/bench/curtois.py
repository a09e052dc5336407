"""Curtois & Qu shift-scheduling benchmark (Instances 1-24) on the product's solver.

The loader turns an instance into the product's own `Problem` (no special model):
each (day, shift type) cover row becomes a Demand with the stated need and under/over
weights, staff become People with the stated limits, days off become approved time off,
shift on/off requests become preferences. The objective is then recomputed straight from
the instance file, exactly as the benchmark defines it.

    uv run python -m bench.curtois --time-limit 60 --instances 1-24
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.measure import host_speed
from shiftwise.scheduling.solver import (
    MINUTES_PER_DAY,
    Demand,
    Limits,
    Person,
    Preference,
    Problem,
    Progress,
    Solution,
    SolveOptions,
    Succession,
    Weights,
    solve,
)

DATA_DIR = Path(
    os.environ.get(
        "SHIFTWISE_CURTOIS_DIR",
        Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "curtois",
    )
)

# Reference values from the benchmark README (best known; all proven optimal but 23, 24).
BEST_KNOWN = {
    1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 6: 1950, 7: 1056, 8: 1300,
    9: 439, 10: 4631, 11: 3443, 12: 4040, 13: 1348, 14: 1278, 15: 3829, 16: 3225,
    17: 5746, 18: 4459, 19: 3149, 20: 4769, 21: 21133, 22: 30241, 23: 17428, 24: 42463,
}  # fmt: skip
SHIFT_START = 6 * 60  # the files give lengths only; every shift starts 06:00 on its day


@dataclass(frozen=True)
class Staff:
    id: str
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class Request:
    staff: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class Cover:
    day: int
    shift: str
    need: int
    under: int
    over: int


@dataclass
class Instance:
    name: str
    days: int
    lengths: dict[str, int] = field(default_factory=dict)
    forbidden: dict[str, list[str]] = field(default_factory=dict)
    staff: list[Staff] = field(default_factory=list)
    days_off: dict[str, set[int]] = field(default_factory=dict)
    on: list[Request] = field(default_factory=list)
    off: list[Request] = field(default_factory=list)
    cover: list[Cover] = field(default_factory=list)


def parse(path: Path) -> Instance:
    sections: dict[str, list[list[str]]] = {}
    current = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = line
            sections[current] = []
            continue
        sections[current].append([f.strip() for f in line.split(",")])
    inst = Instance(name=path.stem, days=int(sections["SECTION_HORIZON"][0][0]))
    for sid, length, *succ in sections["SECTION_SHIFTS"]:
        inst.lengths[sid] = int(length)
        inst.forbidden[sid] = [s for s in (succ[0] if succ else "").split("|") if s]
    for row in sections["SECTION_STAFF"]:
        caps = dict(item.split("=") for item in row[1].split("|") if item)
        inst.staff.append(
            Staff(row[0], {k: int(v) for k, v in caps.items()}, *(int(v) for v in row[2:8]))
        )
    for row in sections.get("SECTION_DAYS_OFF", []):
        inst.days_off[row[0]] = {int(d) for d in row[1:] if d}
    for key, target in (
        ("SECTION_SHIFT_ON_REQUESTS", inst.on),
        ("SECTION_SHIFT_OFF_REQUESTS", inst.off),
    ):
        for e, d, s, w in sections.get(key, []):
            target.append(Request(e, int(d), s, int(w)))
    for d, s, req, under, over in sections["SECTION_COVER"]:
        inst.cover.append(Cover(int(d), s, int(req), int(under), int(over)))
    return inst


def demand_id(day: int, shift: str) -> str:
    return f"{day}:{shift}"


def to_problem(inst: Instance) -> Problem:
    """The instance as the product's solver input."""
    demands = tuple(
        Demand(
            id=demand_id(c.day, c.shift),
            shift_id=demand_id(c.day, c.shift),
            day=c.day,
            kind=c.shift,
            start=c.day * MINUTES_PER_DAY + SHIFT_START,
            end=c.day * MINUTES_PER_DAY + SHIFT_START + inst.lengths[c.shift],
            need=c.need,
            max_extra=len(inst.staff),
            under_weight=c.under,
            over_weight=c.over,
        )
        for c in inst.cover
    )
    prefs: dict[str, list[Preference]] = {s.id: [] for s in inst.staff}
    for r in inst.on:
        prefs[r.staff].append(Preference(r.day, wanted=True, weight=r.weight, kind=r.shift))
    for r in inst.off:
        prefs[r.staff].append(Preference(r.day, wanted=False, weight=r.weight, kind=r.shift))
    people = tuple(
        Person(
            id=s.id,
            time_off_days=frozenset(inst.days_off.get(s.id, ())),
            preferences=tuple(prefs[s.id]),
            limits=Limits(
                max_shifts_by_kind={k: s.max_shifts.get(k, 0) for k in inst.lengths},
                min_minutes=s.min_minutes,
                max_minutes=s.max_minutes,
                max_consecutive_days=s.max_consecutive,
                min_consecutive_days=s.min_consecutive,
                min_consecutive_days_off=s.min_days_off,
                max_weekends=s.max_weekends,
            ),
        )
        for s in inst.staff
    )
    return Problem(
        days=inst.days,
        demands=demands,
        people=people,
        successions=tuple(Succession(a, b) for a, nexts in inst.forbidden.items() for b in nexts),
        weekends=tuple((7 * k + 5, 7 * k + 6) for k in range(inst.days // 7)),
        weights=Weights(preference=1),
    )


def benchmark_objective(inst: Instance, roster: dict[tuple[str, int], str]) -> int:
    """The benchmark's own scoring of a roster {(staff, day): shift}, from the file."""
    total = 0
    for r in inst.on:
        if roster.get((r.staff, r.day)) != r.shift:
            total += r.weight
    for r in inst.off:
        if roster.get((r.staff, r.day)) == r.shift:
            total += r.weight
    for c in inst.cover:
        n = sum(1 for (_, d), s in roster.items() if d == c.day and s == c.shift)
        total += (c.need - n) * c.under if n < c.need else (n - c.need) * c.over
    return total


def roster_of(inst: Instance, solution: Solution) -> dict[tuple[str, int], str]:
    roster: dict[tuple[str, int], str] = {}
    for a in solution.assignments:
        day, shift = a.demand_id.split(":")
        if (a.person_id, int(day)) in roster:
            raise AssertionError(f"{a.person_id} works twice on day {day}")
        roster[a.person_id, int(day)] = shift
    return roster


@dataclass(frozen=True)
class Row:
    instance: int
    objective: int | None
    best: int
    bound: int | None
    time_to_best: float
    wall: float
    optimal: bool

    @property
    def gap(self) -> float | None:
        if self.objective is None:
            return None
        return 100.0 * (self.objective - self.best) / self.best


def run(
    number: int,
    time_limit: float,
    verbose: bool = False,
    lns_threads: int | None = None,
    **options: Any,
) -> Row:
    inst = parse(DATA_DIR / f"Instance{number}.txt")
    problem = to_problem(inst)

    def progress(p: Progress) -> None:
        if verbose:
            print(f"  {p.elapsed_s:7.1f}s objective {p.objective} bound {p.bound}", flush=True)  # noqa: T201

    if lns_threads is not None:
        options["lns_threads"] = lns_threads
    started = time.monotonic()
    solution = solve(
        problem,
        SolveOptions(time_limit_s=time_limit, explain=False, **options),
        on_progress=progress,
    )
    wall = time.monotonic() - started
    objective = None
    if solution.objective is not None:
        objective = benchmark_objective(inst, roster_of(inst, solution))
        if objective != solution.objective:
            raise AssertionError(f"solver says {solution.objective}, benchmark {objective}")
    return Row(
        number,
        objective,
        BEST_KNOWN[number],
        solution.bound,
        solution.time_to_best_s,
        wall,
        solution.status == "optimal",
    )


def parse_range(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance")
    ap.add_argument("--instances", default="1-24", help="e.g. 1-24 or 1,5,9-11")
    ap.add_argument("--verbose", action="store_true", help="print progress while solving")
    ap.add_argument(
        "--lns-threads", type=int, default=None, help="neighbourhood-search threads beside CP-SAT"
    )
    ap.add_argument("--stretches", default=None, help="clauses, automaton or both")
    ap.add_argument("--construct-share", type=float, default=None)
    ap.add_argument("--workers", type=int, default=None, help="CP-SAT workers")
    ap.add_argument("--params", default="{}", help="extra CP-SAT parameters as JSON")
    ap.add_argument(
        "--tree-worker",
        action="store_true",
        help="an lb_tree_search worker beside the whole model (tried with --lns-threads 0)",
    )
    ap.add_argument(
        "--no-column-bound",
        action="store_true",
        help="without the one-person column bound beside the whole model",
    )
    ap.add_argument(
        "--column-lead",
        choices=("auto", "on", "off"),
        default="auto",
        help="whether the column generation may take every worker (auto: by size)",
    )
    ap.add_argument(
        "--restart-after",
        type=float,
        default=None,
        help="restart the whole model from a better incumbent after this many seconds (0: never)",
    )
    ap.add_argument(
        "--retire-after",
        type=float,
        default=None,
        help="stop the whole model for good once beaten and its bound settled this long (0: never)",
    )
    args = ap.parse_args(argv)
    out = sys.stdout
    out.write(
        f"Curtois & Qu instances, {args.time_limit:g} s per instance, "
        f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}, "
        f"host speed {host_speed():.2f} s (10 million Python additions)\n\n"
    )
    out.write("| instance | objective | best known | gap % | bound | time to best (s) "
              "| wall (s) | proven optimal | load |\n")  # fmt: skip
    out.write("|---:|---:|---:|---:|---:|---:|---:|:---:|---:|\n")
    out.flush()
    options: dict[str, Any] = {"params": json.loads(args.params)}
    for key in ("stretches", "construct_share", "workers"):
        if getattr(args, key) is not None:
            options[key] = getattr(args, key)
    if args.restart_after is not None:
        options["restart_after_s"] = args.restart_after
    if args.retire_after is not None:
        options["retire_after_s"] = args.retire_after
    if args.tree_worker:
        options["tree_worker"] = True
    if args.no_column_bound:
        options["column_bound"] = False
    if args.column_lead != "auto":
        options["column_lead"] = args.column_lead == "on"
    rows = []
    for n in parse_range(args.instances):
        row = run(n, args.time_limit, args.verbose, args.lns_threads, **options)
        rows.append(row)
        gap = "—" if row.gap is None else f"{row.gap:.2f}"
        out.write(
            f"| {n} | {row.objective if row.objective is not None else 'none'} | {row.best} "
            f"| {gap} | {row.bound if row.bound is not None else '—'} | {row.time_to_best:.1f} "
            f"| {row.wall:.1f} | {'yes' if row.optimal else 'no'} | {os.getloadavg()[0]:.1f} |\n"
        )
        out.flush()
    gaps = [r.gap for r in rows if r.gap is not None]
    solved = len(gaps)
    mean = sum(gaps) / solved if solved else float("nan")
    out.write(
        f"\nsolutions: {solved}/{len(rows)}, proven optimal: {sum(r.optimal for r in rows)}, "
        f"mean gap over solved: {mean:.2f} %\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
