"""The per-person column bound (bench.column_bound, the issue 5 spike) is a valid bound."""

from __future__ import annotations

from bench.column_bound import ColumnBound, check
from bench.curtois import parse, to_problem

from .builders import curtois_instance


def test_column_bound_of_curtois_instance1_is_valid() -> None:
    inst = parse(curtois_instance(1))
    cb = ColumnBound(to_problem(inst))
    res = cb.run(time_limit=15.0)
    assert res.converged
    assert 0 < res.best_lagrangian <= res.lp + 1e-6
    assert res.lp <= 607  # the known optimum
    # Every column keeps its person's rules; the master scores as the benchmark does.
    assert check(inst, cb) >= res.columns
    # A schedule from the pooled columns is a real one: no better than the optimum.
    value, _, _ = cb.restricted_ip(10.0)
    assert value is not None
    assert value >= 607
