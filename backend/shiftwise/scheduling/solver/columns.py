"""A lower bound from complete one-person schedules (column generation), beside the search.

The whole model's LP bound stalls a few points under the optimum on mid-sized rosters
(Curtois & Qu 10: 4,620-4,627 against 4,631). The Dantzig-Wolfe reformulation, each
person one convex combination of complete schedules that keep all their own rules, is
stronger there: its LP reaches 4,631 (ADR 0006, "the per-person column bound").

Master LP (GLOP): a convexity row per person (per group of interchangeable people) and
a cover row per demand with under- and over-staffing slack at their weights; a column is
one schedule, costing what that person's own soft terms cost. Pricing: per person, the
cheapest schedule under the cover rows' duals, solved exactly by CP-SAT on the product's
own model of that person alone (`model.build` on a one-person problem whose demands carry
no cover cost), so every rule the whole model knows is priced the same way. The labelling
pricer (`labelling.py`) stands in for it in every round where it finds columns for the
people it covers, at a sixth of the cost a round.

Every pricing round is also a Lagrangian bound, exact in integers because the duals are
rounded to 1/SCALE first: for duals pi in [-over, under] per demand and any schedule,

    objective >= sum_d need_d pi_d + sum_p min_s (cost_p(s) - pi . seats(s)),

and the minimum is each person's pricing optimum (or the proven bound of a pricing solve
cut short). The bound is handed to the incumbent, which stops the search when a schedule
meets it. Global terms that do not split by person (the spread of unpopular shifts) have
no such bound: `supported` says no.

Once the LP has converged it also searches for schedules: the whole model restricted to
the (person, demand) pairs its optimum uses, then to those of every column within a
small reduced cost, widening while each restricted model closes. The LP optimum is
fractional almost everywhere (38 of 40 people on Curtois & Qu 10), but its support is a
third of the pairs, and CP-SAT recombines days across a person's columns there: 10's
and 11's optima in 1-8 s, the optima the bound proves (ADR 0006). Beside those
searches a second thread raises the bound past the LP's by proving, one objective value
at a time, that no schedule reaches it (`proof.py`): 5's, 6's and 7's optima are proven
that way, which no bound of a single LP does.

On periods longer than six weeks CP-SAT's exact pricing takes seconds a person (a round
of 17, 56 days, more than a minute). There (`exact=False`) each pricing solve is cut
short, the column generation cannot prove convergence, and the LP's support is searched
once the LP tails off (over a tenth of the time limit) or at `search_at`. On a slow host
16 came out at 3,288 and 3,567 against 3,751, and 17 at 5,931-6,440 against 6,424 (ADR
0006; bench/README).
"""

from __future__ import annotations

import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from .check import Index, group, person_terms
from .cpsat import Stoppable, full_lp
from .labelling import Labelling
from .lns import Incumbent, evaluate
from .model import Built, build, interchangeable, order_interchangeable
from .problem import Demand, Person, Problem
from .proof import fix, restrict

SCALE = 10_000  # duals are rounded to 1/SCALE: the bound is exact in integers
EPS = 1e-6
# After the LP's support, the support of every column within this reduced cost (in
# objective units), doubled each time the restricted model closes with a better schedule.
FIRST_REDUCED_COST = 1.0
# Pricing rounds a column generation is counted on to converge in: Curtois & Qu 12 and
# 14 took 25 from the construction's schedule. It takes the lead when the rounds left,
# at the last round's CPU cost spread over its threads, and the search on the converged
# LP's support after them fit in the time left.
LEAD_ROUNDS = 25
PARALLEL_SPEEDUP = 0.7  # per thread: 12's pricing ran 1.45 times as fast on two threads
SEARCH_SHARE = 1.0  # the search on the support after convergence: as long as the rounds
# A thread that may lead and has not after this many rounds will not: the rounds it
# still needs only grow against the time left (Curtois & Qu 12 in 24 s: 2.2, 3.4, 5.3
# and 11.4 times the time left over four rounds). It then prices as on long periods
# (`ColumnBound._give_up_lead`). On a host of speed 0.27 s 12 leads after its first
# round; 14 in some runs, 15 never; 12 in 24 s (a minute of a host 2.5 times slower) never.
LEAD_PATIENCE = 1
# Leading, the LP's support is searched once only this share of the time is left,
# converged or not.
LATE_SEARCH_SHARE = 1 / 3
# Without exact pricing, the LP's support is searched once the LP has fallen by less than
# TAIL of its value over the last TAIL_WINDOW of the time limit. Counted in rounds (0.25 %
# a round over three), the rule fired at 8-10 s of a minute on Curtois & Qu 17, the
# labelling's rounds costing 0.4 s there: the LP was 3 % above the optimum (5,911-5,968
# against 5,746) and still falling. In time, 17's LP has not tailed off by half the
# minute (5,786-5,812 then), and its support is searched from there (ADR 0006, "the tail
# in time"). On longer runs the LP does stall, once the labelling finds nothing and only
# capped CP-SAT rounds (8 s each on 17) lower it.
TAIL = 0.0025
TAIL_WINDOW = 0.1
# Without exact pricing (long periods), each person's CP-SAT pricing stops at this.
PRICE_CAP_S = 0.25
Schedule = frozenset[str]  # the demand ids one person works
Priced = tuple[int | None, list[Schedule], float]  # value, schedules, CPU seconds


def lead_fits(rounds: int, cpu: float, threads: int, left: float) -> bool:
    """Whether a column generation `rounds` rounds in, the last costing `cpu` seconds of
    CPU, can converge and search its LP's support on `threads` threads in `left` seconds."""
    if threads <= 0:
        return False
    per_round = cpu / (threads * PARALLEL_SPEEDUP)
    return max(1, LEAD_ROUNDS - rounds) * per_round * (1 + SEARCH_SHARE) <= left


def tailing(trace: list[tuple[float, float, int | None]], window: float) -> bool:
    """Whether the master LP (`trace`: seconds, LP value and bound, one a round) fell
    by less than TAIL of its last value over the last `window` seconds. Rounds that leave
    a degenerate LP where it was weigh no more than the time they take (the labelling's
    columns held 14's LP at 1,778 for three rounds, 6 % above where it tailed off)."""
    if not trace or trace[-1][0] - trace[0][0] < window:
        return False
    now, last = trace[-1][0], trace[-1][1]
    before = next(lp for at, lp, _ in reversed(trace) if at <= now - window)
    return before - last < TAIL * abs(last)


def supported(problem: Problem) -> bool:
    """Whether the objective splits into cover plus each person's own terms."""
    return not problem.weights.unpopular_spread and bool(problem.people)


def _under(problem: Problem, d: Demand) -> int:
    return problem.weights.unfilled if d.under_weight is None else d.under_weight


def _over(problem: Problem, d: Demand) -> int:
    return problem.weights.over_staffing if d.over_weight is None else d.over_weight


class Pricer:
    """One person's pricing problem: their cheapest valid schedule under the duals."""

    def __init__(self, problem: Problem, person: Person) -> None:
        self.person = person
        self.index = Index.of(problem)
        # The person alone, on demands that cost nothing to leave open or crowd: the
        # built objective is then exactly the person's own terms (and changes).
        alone = replace(
            problem,
            people=(person,),
            demands=tuple(
                replace(
                    d,
                    need=0,
                    max_extra=1 if d.need + d.max_extra > 0 else 0,
                    under_weight=0,
                    over_weight=0,
                )
                for d in problem.demands
            ),
            existing=tuple(e for e in problem.existing if e.person_id == person.id),
        )
        self.built: Built = build(alone)
        self.own = self.built.objective()
        self.x = {did: var for (_, did), var in self.built.x.items()}
        self.changes = [
            (e.demand_id, problem.weights.change if e.change_weight is None else e.change_weight)
            for e in alone.existing
            if not e.fixed
        ]
        self.runner = Stoppable()

    @property
    def infeasible(self) -> bool:
        return bool(self.built.infeasible)

    def cost(self, schedule: Schedule) -> int:
        """The schedule's own soft cost, scored by the independent checker."""
        worked = [self.index.demands[i] for i in schedule]
        own = sum(person_terms(self.index, self.person, worked).values())
        return own + sum(w for did, w in self.changes if did not in schedule)

    def interrupt(self) -> None:
        self.runner.interrupt()

    def reduced(self, duals: dict[str, int]) -> Any:
        """SCALE * the person's own cost - duals . seats, on their model's variables."""
        ids = list(self.x)
        weights = [duals.get(i, 0) for i in ids]
        return SCALE * self.own - cp_model.LinearExpr.weighted_sum(
            [self.x[i] for i in ids], weights
        )

    def price(self, duals: dict[str, int], time_limit: float, stop: threading.Event) -> Priced:
        """min SCALE * cost - duals . seats (exact, or the proven bound of a solve cut
        short; None when not even that), the improving schedules met, best last, and the
        CPU time it took (CP-SAT's single worker runs in the calling thread)."""
        began = time.thread_time()
        value, found = self._price(duals, time_limit, stop)
        return value, found, time.thread_time() - began

    def _price(
        self, duals: dict[str, int], time_limit: float, stop: threading.Event
    ) -> tuple[int | None, list[Schedule]]:
        ids = list(self.x)
        m = self.built.model
        m.minimize(self.reduced(duals))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.01, time_limit)
        found: list[Schedule] = []
        x = self.x

        class Collect(cp_model.CpSolverSolutionCallback):
            def on_solution_callback(self) -> None:
                found.append(frozenset(i for i in ids if self.boolean_value(x[i])))

        status = self.runner.solve(solver, m, stop, Collect())
        if status is None:
            return None, []
        if status == cp_model.OPTIMAL:
            return round(solver.objective_value), found
        if status == cp_model.FEASIBLE:
            return math.floor(solver.best_objective_bound + EPS), found
        return None, found


class _Offer(cp_model.CpSolverSolutionCallback):
    """Every schedule a restricted whole model finds goes to the incumbent, scored."""

    def __init__(self, incumbent: Incumbent, built: Built) -> None:
        super().__init__()
        self.incumbent = incumbent
        self.built = built

    def on_solution_callback(self) -> None:
        self.incumbent.offer(*evaluate(self.built, self.response_proto.solution))


def _reduced(g: _Group, schedule: Schedule, pi: dict[str, float], mu: float) -> float:
    """The schedule's reduced cost as a column of this group under the LP's duals."""
    return g.pricer.cost(schedule) - sum(pi[i] for i in schedule) - mu


@dataclass
class _Group:
    """Interchangeable people share one pricing problem and one convexity row."""

    members: list[Person]
    pricer: Pricer
    columns: set[Schedule] = field(default_factory=set)
    row: Any = None


@dataclass
class Report:
    """What the column bound did (for measurements and the ADR)."""

    rounds: int = 0
    columns: int = 0
    bound: int | None = None  # best proven, ceil of the best Lagrangian value
    lp: float | None = None  # the master LP's value when it converged
    converged_s: float | None = None  # seconds from the start when it converged
    searches: list[tuple[float | None, int, str, float]] = field(default_factory=list)
    # (reduced-cost limit, None = the LP's support; pairs kept; CP-SAT status; seconds)
    trace: list[tuple[float, float, int | None]] = field(default_factory=list)
    # per full pricing round: (seconds from the start, the master LP's value, the bound)
    led_s: float | None = None  # seconds from the start when it took the lead
    gave_up_s: float | None = None  # seconds from the start when it gave up the lead
    # seconds from the start when it searched an LP that had not converged (`search_at`)
    searched_s: float | None = None
    labelled: int = 0  # rounds whose columns all came from the labelling pricer
    # The proof from the converged duals, each target: (objective asked for, pairs fixed
    # off, days fixed worked, questions asked of CP-SAT to fix them, the restricted
    # whole model's status, seconds)
    proofs: list[tuple[int, int, int, int, str, float]] = field(default_factory=list)


class ColumnBound:
    """Column generation to convergence, raising the incumbent's bound as it goes; then
    the whole model on the converged LP's support, offering the incumbent what it finds,
    and the proof from the converged duals beside it.

    Once it has converged, `retire` is set: the whole model beside it stops for good,
    and the two cores go to the support searches and the proof. On Curtois & Qu 7 the
    proof did not finish in a 60 s run beside the whole model, and proved 1,056 at 39 s
    without it; 1, whose whole model proved it in 2 s, now takes 6 s (ADR 0006).

    With `lead_threads`, once a round shows it can converge in the time left (LEAD_ROUNDS
    at that round's CPU cost over that many threads), it takes the lead: it sets `lead`
    and `retire`, the searches give way (`searching`) and it prices on that many threads
    until it is done. On Curtois & Qu 12 its converged LP is the optimum, 4,040; alone
    on one core the search on its support finds and proves it, and in 90-120 s runs
    beside the others it finds schedules within 0.1-7 % of it (ADR 0006).

    Where it may not lead, the labelling pricer (`labelling.py`) prices the people it
    covers, a sixth of the cost a round. A thread that may lead prices with CP-SAT: the
    cost of its rounds decides the lead, and leading, CP-SAT prices on every core outside
    the interpreter; the labelling, leading on one core beside the neighbourhood search,
    converged later on 12 and 14 (ADR 0006).

    Without `exact` (long periods), CP-SAT's pricing solves are capped and the support
    search starts at `search_at` or once the LP tails off (`tailing`), without a proof.
    A thread that may lead but did not after its first round gives the lead up and goes
    on so (`_give_up_lead`); one that leads and has not converged when a third of the
    time is left searches then (`_search_early`).
    """

    def __init__(
        self,
        problem: Problem,
        incumbent: Incumbent,
        deadline: float,
        stop: threading.Event,
        lead_threads: int = 0,
        labelling: bool = True,
        exact: bool = True,
        search_at: float | None = None,
    ) -> None:
        self.problem = problem
        self.incumbent = incumbent
        self.deadline = deadline
        self.stop = stop
        self.started = time.monotonic()
        self.report = Report()
        self.groups: list[_Group] = []
        self.lp: Any = None
        self.cover: dict[str, Any] = {}
        self.lead_threads = lead_threads
        self.use_labelling = labelling and not lead_threads
        # Without `exact`, each CP-SAT pricing solve is cut short at PRICE_CAP_S: its
        # columns and its proven bound still count, but a round no longer proves the LP
        # converged.
        self.exact = exact
        # When it has not converged by then, it searches the support of the LP it has.
        self.search_at = search_at
        self.labelling: Labelling | None = None
        self.lead = threading.Event()
        self.retire = threading.Event()  # the whole model beside it stops for good
        self.runner = Stoppable()  # the restricted search's solves
        self.proving = Stoppable()  # the proof's
        # Set while the restricted searches run, and from taking the lead on: the
        # neighbourhood search gives way.
        # On two cores beside the whole model's two workers, the search that finds
        # Curtois & Qu 7's optimum (the support of columns within reduced cost 1)
        # otherwise gets a third of a core and often does not finish: 1,056 in 3 of
        # 7 runs before, 6 of 7 with it (ADR 0006; bench/README).
        self.searching = threading.Event()
        self.columns: list[tuple[_Group, Schedule, Any]] = []  # with their LP variable
        self.give_way = True  # the neighbourhood search gives way to its searches

    def _setup(self) -> bool:
        problem = self.problem
        grouped = [list(g) for g in interchangeable(problem)]
        seen = {p.id for g in grouped for p in g}
        grouped += [[p] for p in problem.people if p.id not in seen]
        for members in grouped:
            if self.stop.is_set():
                return False
            self.groups.append(_Group(members, Pricer(problem, members[0])))
        if any(g.pricer.infeasible for g in self.groups):
            return False  # a fixed assignment breaks a rule: the whole model says so
        if self.use_labelling:
            self.labelling = self._new_labelling()
        lp = pywraplp.Solver.CreateSolver("GLOP")
        if lp is None:
            return False
        lp.SetNumThreads(1)
        inf = lp.infinity()
        objective = lp.Objective()
        for d in problem.demands:
            row = lp.Constraint(d.need, d.need, f"cover[{d.id}]")
            under = lp.NumVar(0, inf, f"under[{d.id}]")
            over = lp.NumVar(0, inf, f"over[{d.id}]")
            row.SetCoefficient(under, 1)
            row.SetCoefficient(over, -1)
            objective.SetCoefficient(under, _under(problem, d))
            objective.SetCoefficient(over, _over(problem, d))
            self.cover[d.id] = row
        for k, g in enumerate(self.groups):
            g.row = lp.Constraint(len(g.members), len(g.members), f"convex[{k}]")
        objective.SetMinimization()
        self.lp = lp
        return True

    def _add(self, g: _Group, schedule: Schedule) -> bool:
        if schedule in g.columns:
            return False
        g.columns.add(schedule)
        var = self.lp.NumVar(0, self.lp.infinity(), f"col{self.report.columns}")
        self.report.columns += 1
        self.lp.Objective().SetCoefficient(var, g.pricer.cost(schedule))
        g.row.SetCoefficient(var, 1)
        for did in schedule:
            self.cover[did].SetCoefficient(var, 1)
        self.columns.append((g, schedule, var))
        return True

    def _add_incumbent(self) -> None:
        """The best schedule so far, as columns: the master starts from it."""
        pairs = self.incumbent.pairs
        if pairs is None:
            return
        worked = group(Index.of(self.problem), pairs)
        for g in self.groups:
            for p in g.members:
                self._add(g, frozenset(d.id for d in worked[p.id]))

    def interrupt(self) -> None:
        for g in self.groups:
            g.pricer.interrupt()
        self.runner.interrupt()
        self.proving.interrupt()

    def run(self) -> None:
        if not self._setup():
            return
        try:
            with ThreadPoolExecutor(max(1, self.lead_threads)) as pool:
                self._generate(pool)
        finally:
            self.searching.clear()

    def _price_all(
        self, pool: ThreadPoolExecutor, duals: dict[str, int], groups: list[_Group]
    ) -> list[Priced]:
        """These groups' exact pricing under `duals`: in turn, or on the pool when leading."""

        def price(g: _Group) -> Priced:
            # Each solve gets the time left when it starts: in turn, a limit taken once
            # for the round let Curtois & Qu 17's round run 111 s past a 60 s deadline.
            left = self.deadline - time.monotonic()
            return g.pricer.price(duals, left if self.exact else min(left, PRICE_CAP_S), self.stop)

        if not self.lead.is_set():
            return [price(g) for g in groups]
        return list(pool.map(price, groups))

    def _price_round(
        self,
        pool: ThreadPoolExecutor,
        duals: dict[str, int],
        pi: dict[str, float],
        mus: list[float],
    ) -> tuple[list[Priced], float]:
        """Every group's pricing, and the labelling's CPU seconds. By the labelling
        pricer where it covers the group; when that finds no column of negative reduced
        cost for anyone, exactly by CP-SAT for every group whose labelling bound does not
        already rule one out; always by CP-SAT for the groups it does not cover."""
        began = time.thread_time()
        labelled = (
            self.labelling.price(duals, self.stop)
            if self.labelling is not None
            else [None] * len(self.groups)
        )
        spent = time.thread_time() - began
        improving = any(
            _reduced(g, schedule, pi, mu) < -EPS and schedule not in g.columns
            for g, mu, lab in zip(self.groups, mus, labelled, strict=True)
            if lab is not None
            for _, schedule in lab.found
        )
        exact = [
            k
            for k, (mu, lab) in enumerate(zip(mus, labelled, strict=True))
            if lab is None or (not improving and lab.bound < SCALE * mu - SCALE * EPS)
        ]
        if improving:
            self.report.labelled += 1
        priced: list[Priced] = [
            (None, [], 0.0) if lab is None else (lab.bound, [s for _, s in lab.found], 0.0)
            for lab in labelled
        ]
        for k, result in zip(
            exact, self._price_all(pool, duals, [self.groups[k] for k in exact]), strict=True
        ):
            value, found, cpu = result
            lab = labelled[k]
            if value is None and lab is not None and not self.exact:
                value = lab.bound  # cut short before any bound: the labelling's holds
            priced[k] = (value, found, cpu)
        return priced, spent

    def _take_lead(self, cpu: float) -> None:
        if self.lead.is_set() or not self.lead_threads:
            return
        if lead_fits(self.report.rounds, cpu, self.lead_threads, self.deadline - time.monotonic()):
            self.report.led_s = time.monotonic() - self.started
            self.searching.set()
            self.lead.set()
            self.retire.set()
        elif self.report.rounds >= LEAD_PATIENCE:
            self._give_up_lead()

    def _give_up_lead(self) -> None:
        """From now on it prices as on long periods: the labelling where it covers,
        CP-SAT capped, and the LP's support searched once it tails off or at
        `search_at`, converged or not. Exact rounds on its share of a core proved
        nothing in the minute there, and the schedules came from the neighbourhood
        search alone."""
        self.report.gave_up_s = time.monotonic() - self.started
        self.give_way = False
        self.lead_threads = 0
        self.exact = False
        self.labelling = self._new_labelling()

    def _new_labelling(self) -> Labelling | None:
        """The labelling pricer for these groups, None when it covers none of them."""
        labelling = Labelling(self.problem, [g.members[0] for g in self.groups], SCALE)
        return labelling if labelling.covered else None

    def _generate(self, pool: ThreadPoolExecutor) -> None:
        problem = self.problem
        demands = problem.demands
        # The master starts from the first schedule (the construction's): wait for it.
        while self.incumbent.pairs is None and not self.stop.wait(0.05):
            if time.monotonic() > self.deadline:
                return
        self._add_incumbent()
        best = -math.inf
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            self.report.rounds += 1
            if self.lp.Solve() != pywraplp.Solver.OPTIMAL:
                return
            lp_value = self.lp.Objective().Value()
            # Every dual is read before a column is added (the solution is gone then).
            pi = {did: row.dual_value() for did, row in self.cover.items()}
            mus = [g.row.dual_value() for g in self.groups]
            duals = {
                d.id: round(SCALE * min(_under(problem, d), max(-_over(problem, d), pi[d.id])))
                for d in demands
            }
            total = sum(d.need * duals[d.id] for d in demands)
            added = 0
            priced, spent = self._price_round(pool, duals, pi, mus)
            # A solve cut short without a bound (PRICE_CAP_S): its columns still count.
            bounded = all(value is not None for value, _, _ in priced)
            if not bounded and (
                self.exact or self.stop.is_set() or time.monotonic() >= self.deadline
            ):
                return  # stopped or out of time: this round proves nothing
            for g, mu, (value, found, _) in zip(self.groups, mus, priced, strict=True):
                total += len(g.members) * (value or 0)
                for schedule in found:
                    if _reduced(g, schedule, pi, mu) < -EPS and self._add(g, schedule):
                        added += 1
            if bounded and total > best:
                best = total
                self.report.bound = math.ceil(best / SCALE - EPS)
                self.incumbent.raise_bound(self.report.bound)
            self.report.trace.append((time.monotonic() - self.started, lp_value, self.report.bound))
            if best / SCALE >= lp_value - EPS * max(1.0, abs(lp_value)) or added == 0:
                self.report.lp = lp_value
                self.report.converged_s = time.monotonic() - self.started
                self._search(duals, [value or 0 for value, _, _ in priced], total, self.exact)
                return
            if self._search_early():
                self.report.searched_s = time.monotonic() - self.started
                self._search(duals, [], total, prove=False)
                return
            self._take_lead(spent + sum(cpu for _, _, cpu in priced))
            # The search's newer schedules are columns too (cheap, and often in the LP).
            self._add_incumbent()

    def _search_early(self) -> bool:
        """Whether to search the support of an LP that has not converged: without exact
        pricing once it tails off or at `search_at`; leading, once less than
        LATE_SEARCH_SHARE of the time is left (on Curtois & Qu 14 a lead that did not
        converge in time once left the construction's 2,440 as the schedule: nothing
        else searched)."""
        now = time.monotonic()
        if self.lead.is_set():
            return self.deadline - now < LATE_SEARCH_SHARE * (self.deadline - self.started)
        if self.exact or self.search_at is None:
            return False
        window = TAIL_WINDOW * (self.deadline - self.started)
        return now >= self.search_at or tailing(self.report.trace, window)

    def _search(self, duals: dict[str, int], values: list[int], total: int, prove: bool) -> None:
        """Schedules from the whole model on the pairs the LP points at and, when
        `prove` (the LP converged under exact pricing), on a thread beside it the bound
        raised by the proof (`proof.py`) from the last round's duals (`values`: each
        group's pricing bound, `total`: the round's Lagrangian bound, both scaled)."""
        if self.give_way:
            self.searching.set()
        self.retire.set()
        built = build(self.problem)
        if built.infeasible:
            return
        if not prove:
            # One worker, the neighbourhood search giving way on long periods: on 16 and
            # 17 no worse than the search beside it or two workers. After a lead given
            # up (28-42 days) the search goes on beside it: 14 better, 15 level (ADR 0006).
            self._search_supports(built)
            return
        proving = threading.Thread(
            target=self._prove, args=(built, duals, values, total), daemon=True
        )
        proving.start()
        try:
            self._search_supports(built)
            self.searching.clear()  # the neighbourhood search goes on beside the proof
        finally:
            proving.join()

    def _prove(self, built: Built, duals: dict[str, int], values: list[int], total: int) -> None:
        """Whether a schedule of objective at most T exists, T from the bound up: the
        whole model restricted to what such a schedule keeps to under these duals.
        Infeasible raises the bound to T + 1; a solution is the optimum."""
        labelling = self.labelling or self._new_labelling()
        if labelling is not None:
            labelling.price(duals, self.stop)  # the multipliers of its bounds through pairs
        target = math.ceil(total / SCALE - EPS)
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            best = self.incumbent.objective
            target = max(target, self.incumbent.bound or target)
            if best is None or target >= best:
                return  # proven, by this or by another bound
            began = time.monotonic()
            gap = SCALE * target - total
            limits = [value + gap for value in values]
            groups = [(g.members, g.pricer) for g in self.groups]
            fixing = fix(groups, duals, limits, labelling, self.stop, self.deadline)
            if fixing is None:
                return
            cuts: list[tuple[str, int, dict[str, int], int, int]] = []
            if labelling is not None:
                for g, row, value, limit in zip(
                    self.groups, labelling.rows, values, limits, strict=True
                ):
                    if row is not None:
                        constant, coefs = labelling.reduced(row, duals)
                        cuts += [(p.id, constant, coefs, value, limit) for p in g.members]
            model = restrict(built, fixing, cuts, target)
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 1
            solver.parameters.max_time_in_seconds = max(0.01, self.deadline - time.monotonic())
            full_lp(solver)
            status = self.proving.solve(solver, model, self.stop, _Offer(self.incumbent, built))
            name = "STOPPED" if status is None else str(solver.status_name(status))
            self.report.proofs.append(
                (
                    target,
                    len(fixing.off),
                    len(fixing.works),
                    fixing.questions,
                    name,
                    round(time.monotonic() - began, 1),
                )
            )
            if status == cp_model.INFEASIBLE:
                self.incumbent.raise_bound(target + 1)
                target += 1
            elif status == cp_model.OPTIMAL:
                # Every schedule of objective <= target is inside: this is the optimum.
                self.incumbent.raise_bound(round(solver.objective_value))
                return
            else:
                return

    def _search_supports(self, built: Built) -> None:
        if self.lp.Solve() != pywraplp.Solver.OPTIMAL:
            return
        pi = {did: row.dual_value() for did, row in self.cover.items()}
        mus = {id(g): g.row.dual_value() for g in self.groups}
        scored = [
            (
                g,
                schedule,
                var.solution_value(),
                g.pricer.cost(schedule) - sum(pi[i] for i in schedule) - mus[id(g)],
            )
            for g, schedule, var in self.columns
        ]
        widest = max((reduced for *_, reduced in scored), default=0.0)
        limit: float | None = None  # first the LP's own support
        kept = -1
        while not self.stop.is_set() and not self.incumbent.proven:
            left = self.deadline - time.monotonic()
            if left < 0.5:
                return
            support = {
                (p.id, did)
                for g, schedule, value, reduced in scored
                if (value > EPS if limit is None else reduced <= limit + EPS)
                for p in g.members
                for did in schedule
            }
            if len(support) > kept:  # a wider limit that adds nothing is not run again
                kept = len(support)
                before = self.incumbent.objective
                began = time.monotonic()
                status = self._solve_within(built, support, left)
                spent = round(time.monotonic() - began, 1)
                self.report.searches.append((limit, len(support), status, spent))
                if status != "OPTIMAL" or len(support) >= len(built.x):
                    return  # out of time, stopped, or it was the whole model
                if limit is not None and self.incumbent.objective == before:
                    # Wider supports gained nothing: the neighbourhood search gets the
                    # core back, beside the proof.
                    return
            if limit is not None and limit >= widest:
                return  # every column is in: nothing wider to try
            limit = FIRST_REDUCED_COST if limit is None else 2 * limit

    def _solve_within(self, built: Built, support: set[tuple[str, str]], seconds: float) -> str:
        model = built.model.clone()
        for key, var in built.x.items():
            mine = model.get_bool_var_from_proto_index(var.index)
            if key not in support:
                model.add(mine == 0)
        model.clear_hints()  # type: ignore[no-untyped-call]
        chosen = set(order_interchangeable(self.problem, self.incumbent.pairs or (), built.groups))
        for key, var in built.x.items():
            if key in support:
                model.add_hint(model.get_bool_var_from_proto_index(var.index), key in chosen)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = self.lead_threads if self.lead.is_set() else 1
        solver.parameters.max_time_in_seconds = seconds
        full_lp(solver)
        status = self.runner.solve(solver, model, self.stop, _Offer(self.incumbent, built))
        return "STOPPED" if status is None else str(solver.status_name(status))
