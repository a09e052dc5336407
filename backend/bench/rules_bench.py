"""Micro-benchmark of the rule engine: `uv run python bench/rules_bench.py`.

1,000 people with 20 assignments each in a month (and a 40-assignment run),
realistic availability, skills and time off, all default rules plus the period
rules; one proposed shift per person is checked with `check_assignment`.
"cold" builds fresh facts for every call (what one API request does), "warm"
re-checks facts already seen (candidates ranking, the solver's re-check).
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
PATTERNS = [(time(6), 8), (time(7), 8), (time(14), 8), (time(22), 8), (time(8), 12)]


def _shift(rng: random.Random, n: str, day: date, zone: str) -> ShiftFact:
    start, hours = rng.choice(PATTERNS)
    starts_at = datetime.combine(day, start, tzinfo=ZoneInfo(zone))
    return ShiftFact(
        n,
        "loc",
        starts_at,
        starts_at + timedelta(hours=hours),
        zone,
        skill_id=rng.choice(["rn", "hca", None]),
        break_minutes=30,
    )


def _person(rng: random.Random, n: int, shifts_per_person: int) -> tuple[PersonFacts, ShiftFact]:
    zone = ZONES[n % len(ZONES)]
    days = rng.sample(range(31), shifts_per_person + 1 if shifts_per_person < 31 else 31)
    shifts = [
        _shift(rng, f"p{n}s{k}", MONTH[0] + timedelta(days=d), zone)
        for k, d in enumerate(days[:shifts_per_person])
    ]
    if shifts_per_person >= 31:  # two a day for the heavy run
        shifts += [
            _shift(rng, f"p{n}x{k}", MONTH[0] + timedelta(days=k), zone)
            for k in range(shifts_per_person - 31)
        ]
    proposed = _shift(rng, f"p{n}new", MONTH[0] + timedelta(days=days[-1]), zone)
    off_start = datetime.combine(
        MONTH[0] + timedelta(days=rng.randrange(31)), time(0), ZoneInfo(zone)
    )
    person = PersonFacts(
        f"p{n}",
        skills={"rn": MONTH[0] + timedelta(days=rng.randrange(60)), "hca": None},
        contract=Contract(Decimal(37.5), Decimal(48), Decimal("18.40")),
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


def _rules() -> RuleSet:
    return DEFAULT_RULE_SET.with_rule(
        RuleCode.max_hours_per_period, enabled=True, hours=200
    ).with_rule(RuleCode.min_consecutive_days_off, enabled=True)


def _timed(fn: Callable[[], object]) -> float:
    start = clock.perf_counter_ns()
    fn()
    return (clock.perf_counter_ns() - start) / 1000


def _line(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return (
        f"{label:<42} median {statistics.median(ordered):8.1f} µs   p95 {p95:8.1f} µs   "
        f"max {ordered[-1]:8.1f} µs   (n={len(ordered)})\n"
    )


def run(people: int, shifts_per_person: int, seed: int) -> str:
    rng = random.Random(seed)
    rules = _rules()
    specs = [(n, rng.random()) for n in range(people)]
    out = []
    # Cold: facts built fresh for each call, as one request does.
    cold: list[float] = []
    built: list[tuple[PersonFacts, ShiftFact]] = []
    for n, _ in specs:
        person, proposed = _person(random.Random(seed * 100_003 + n), n, shifts_per_person)
        cold.append(_timed(lambda p=person, s=proposed: check_assignment(s, p, rules, MONTH)))
        built.append((person, proposed))
    out.append(_line(f"check_assignment cold, {shifts_per_person} shifts", cold))
    warm = [
        _timed(lambda p=person, s=proposed: check_assignment(s, p, rules, MONTH))
        for person, proposed in built
    ]
    out.append(_line(f"check_assignment warm, {shifts_per_person} shifts", warm))
    whole = _timed(lambda: check_schedule([p for p, _ in built], rules, MONTH))
    out.append(
        f"check_schedule {people} people × {shifts_per_person} shifts: {whole / 1000:.1f} ms "
        f"({whole / people:.1f} µs per person)\n"
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
