"""Micro-benchmark of the rule engine: `uv run python bench/rules_bench.py`.

1,000 people with 20 assignments each in a month (and a 40-assignment run),
realistic availability, skills and time off, all default rules plus the period
rules; one proposed shift per person is checked with `check_assignment`.
Building a person's facts is timed separately; each check runs on freshly
built facts (what one API request does); "same facts again" re-checks them.
Wall and CPU time are both shown: on a shared machine wall time includes
waiting for a core.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time as clock
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

from shiftwise.scheduling.rules import (
    DEFAULT_RULE_SET,
    Availability,
    AvailabilityException,
    AvailabilitySlot,
    Contract,
    PersonFacts,
    RuleCode,
    RuleSet,
    ShiftFact,
    TimeOff,
    check_assignment,
    check_schedule,
)

ZONES = ["Europe/London", "America/New_York"]
MONTH = (date(2024, 10, 1), date(2024, 10, 31))  # includes London's autumn change
# Weekly rotation of shift patterns: (local start, hours).
PATTERNS = [(time(6), 8), (time(14), 8), (time(22), 8), (time(8), 12), (time(9), 8)]
SPLIT = [(time(7), 4), (time(17), 4)]  # two short shifts a day for the 40-shift people


def _shift(n: str, day: date, start: time, hours: int, zone: str, skill: str | None) -> ShiftFact:
    starts_at = datetime.combine(day, start, tzinfo=ZoneInfo(zone))
    return ShiftFact(
        n, "loc", starts_at, starts_at + timedelta(hours=hours), zone, skill, break_minutes=30
    )


def _person(rng: random.Random, n: int, shifts_per_person: int) -> tuple[PersonFacts, ShiftFact]:
    """A month of a realistic roster: about five working days a week on one
    pattern per week (or split shifts), and one more shift proposed on a free day."""
    zone = ZONES[n % len(ZONES)]
    per_day = 2 if shifts_per_person > 25 else 1
    days = sorted(rng.sample(range(31), shifts_per_person // per_day + 1))
    free = days.pop(rng.randrange(len(days)))
    skill = rng.choice(["rn", "hca", None])
    first_pattern = rng.randrange(len(PATTERNS))

    def slots(day: int) -> list[tuple[time, int]]:
        return SPLIT if per_day == 2 else [PATTERNS[(first_pattern + day // 7) % len(PATTERNS)]]

    shifts = [
        _shift(f"p{n}s{d}-{k}", MONTH[0] + timedelta(days=d), start, hours, zone, skill)
        for d in days
        for k, (start, hours) in enumerate(slots(d))
    ]
    start, hours = slots(free)[0]
    proposed = _shift(f"p{n}new", MONTH[0] + timedelta(days=free), start, hours, zone, skill)
    off_start = datetime.combine(
        MONTH[0] + timedelta(days=rng.randrange(31)), time(0), ZoneInfo(zone)
    )
    person = PersonFacts(
        f"p{n}",
        skills={"rn": MONTH[0] + timedelta(days=rng.randrange(60)), "hca": None},
        contract=Contract(Decimal("37.5"), Decimal(48), Decimal("18.40")),
        assignments=tuple(shifts),
        availability=(
            AvailabilitySlot(rng.randrange(7), time(0), time(0), Availability.unavailable),
            AvailabilitySlot(rng.randrange(7), time(6), time(14), Availability.preferred),
            AvailabilitySlot(rng.randrange(7), time(14), time(22), Availability.available),
        ),
        availability_exceptions=(
            AvailabilityException(
                MONTH[0] + timedelta(days=rng.randrange(31)), Availability.unavailable
            ),
        ),
        time_off=(TimeOff(f"p{n}off", off_start, off_start + timedelta(days=2)),),
    )
    return person, proposed


def _rebuild(person: PersonFacts) -> PersonFacts:
    shifts = [
        ShiftFact(s.id, s.location_id, s.starts_at, s.ends_at, s.time_zone, s.skill_id, 30)
        for s in person.assignments
    ]
    return person.with_assignments(shifts)


def _rules() -> RuleSet:
    return DEFAULT_RULE_SET.with_rule(
        RuleCode.max_hours_per_period, enabled=True, hours=200
    ).with_rule(RuleCode.min_consecutive_days_off, enabled=True)


CPU: list[float] = []  # CPU time of the last timed calls, beside wall time


def _timed(fn: Callable[[], object]) -> float:
    """Wall µs of one call; its CPU µs go to CPU (the machine may be shared)."""
    cpu = clock.thread_time_ns()
    start = clock.perf_counter_ns()
    fn()
    wall = (clock.perf_counter_ns() - start) / 1000
    CPU.append((clock.thread_time_ns() - cpu) / 1000)
    return wall


def _stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def _line(label: str, samples: list[float]) -> str:
    cpu = CPU[-len(samples) :]
    (median, p95), (cpu_median, cpu_p95) = _stats(samples), _stats(cpu)
    return (
        f"{label:<38} wall median {median:7.1f} µs  p95 {p95:7.1f} µs | "
        f"CPU median {cpu_median:7.1f} µs  p95 {cpu_p95:7.1f} µs  (n={len(samples)})\n"
    )


def run(people: int, shifts_per_person: int, seed: int) -> str:
    rng = random.Random(seed)
    rules = _rules()
    specs = [(n, rng.random()) for n in range(people)]
    out = []
    # Cold: facts built fresh for each call, as one request does.
    build: list[float] = []
    build_cpu: list[float] = []
    built: list[tuple[PersonFacts, ShiftFact]] = []
    for n, _ in specs:
        person_rng = random.Random(seed * 100_003 + n)
        built.append(_person(person_rng, n, shifts_per_person))
        person, proposed = built[-1]
        # Rebuild the same facts from plain values: what a request pays per person.
        build.append(_timed(partial(_rebuild, person)))
        build_cpu.append(CPU[-1])
    cold: list[float] = []
    cold_cpu: list[float] = []
    for person, proposed in built:
        cold.append(_timed(partial(check_assignment, proposed, _rebuild(person), rules, MONTH)))
        cold_cpu.append(CPU[-1])
    CPU.extend(build_cpu)
    out.append(_line(f"building facts, {shifts_per_person} shifts", build))
    CPU.extend(cold_cpu)
    out.append(_line(f"check_assignment, {shifts_per_person} shifts", cold))
    warm = [_timed(partial(check_assignment, s, p, rules, MONTH)) for p, s in built]
    out.append(_line(f"  same facts again, {shifts_per_person} shifts", warm))
    found = [len(check_assignment(s, p, rules, MONTH)) for p, s in built]
    out.append(
        f"violations per proposed shift: mean {statistics.mean(found):.2f}, max {max(found)}\n"
    )
    whole = _timed(lambda: check_schedule([p for p, _ in built], rules, MONTH))
    out.append(
        f"check_schedule {people} people × {shifts_per_person} shifts: wall {whole / 1000:.1f} ms, "
        f"CPU {CPU[-1] / 1000:.1f} ms ({CPU[-1] / people:.1f} µs CPU per person)\n"
    )
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sys.stdout.write(f"Python {sys.version.split()[0]}, {args.people} people\n")
    for shifts in (20, 40):
        sys.stdout.write(run(args.people, shifts, args.seed))


if __name__ == "__main__":
    main()
