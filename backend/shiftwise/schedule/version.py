"""The per-organisation schedule version: bumped in the transaction of every grid write.

`organisations.schedule_version` changes whenever a transaction wrote anything a schedule
grid shows or judges, so a grid built at version v is the grid of every later request
that still reads v (the grid's cache and ETag are keyed by it, schedule/cache.py).

It is triggered by the tables a transaction wrote, not by the write paths: a new write
path cannot forget it. Session events (installed once, on every ORM session):

- `before_flush` notes the organisations of the new, dirty and deleted objects whose
  table is in `GRID_TABLES` (a person's skill by its person's organisation);
- `do_orm_execute` notes bulk INSERT/UPDATE/DELETE statements on those tables (they
  never appear in new/dirty/deleted), by the `organisation_id = :value` in their WHERE
  clause, or every organisation when the statement names none;
- `before_commit` flushes what is pending and issues one
  `UPDATE organisations SET schedule_version = schedule_version + 1` for the noted
  organisations as the transaction's last statement, so the row lock is held only
  for the commit. A transaction that wrote nothing relevant issues nothing.

Over-counting (a savepoint rolled back, an attribute set to its own value) only costs a
cache miss; under-counting would serve a stale grid, so anything unsure bumps.
"""

from __future__ import annotations

import uuid
from itertools import chain
from typing import Any

from sqlalchemy import BinaryExpression, BindParameter, Column, event, select, update
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, UOWTransaction
from sqlalchemy.sql import operators, visitors

from shiftwise.models import Organisation, Person, PersonSkill

# Every table whose rows a week grid shows or its rules judge.
GRID_TABLES = frozenset(
    {
        "assignments",
        "shifts",
        "shift_templates",
        "time_off_requests",
        "availability_slots",
        "availability_exceptions",
        "compliance_rule_settings",
        "people",
        "person_skills",
        "skills",
        "organisations",
        "locations",
    }
)

_ORGS = "shiftwise.schedule_version.organisations"
_PEOPLE = "shiftwise.schedule_version.people"
_OWN = "shiftwise_schedule_version_bump"
EVERY = "*"  # noted when a statement's organisation cannot be told


def _noted(session: Session) -> set[Any]:
    orgs: set[Any] = session.info.setdefault(_ORGS, set())
    return orgs


def _table_of(obj: object) -> str | None:
    table = getattr(obj, "__tablename__", None)
    return table if isinstance(table, str) else None


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    for obj in chain(session.new, session.dirty, session.deleted):
        table = _table_of(obj)
        if table not in GRID_TABLES:
            continue
        if table == "organisations":
            _noted(session).add(obj.id)
        elif isinstance(obj, PersonSkill):
            session.info.setdefault(_PEOPLE, set()).add(obj.person_id)
        else:
            org = getattr(obj, "organisation_id", None)
            _noted(session).add(org if org is not None else EVERY)


def _organisation_in(statement: Any) -> uuid.UUID | None:
    """The value of an `organisation_id = :value` (or `organisations.id = :value`) term
    in a DML statement's WHERE clause, if it has exactly one such term."""
    where = getattr(statement, "whereclause", None)
    if where is None:
        return None
    table = statement.table.name
    found: set[Any] = set()
    for node in visitors.iterate(where):
        if not isinstance(node, BinaryExpression) or node.operator is not operators.eq:
            continue
        left, right = node.left, node.right
        if isinstance(right, Column):
            left, right = right, left
        if not isinstance(left, Column) or not isinstance(right, BindParameter):
            continue
        if left.name == "organisation_id" or (table == "organisations" and left.name == "id"):
            found.add(right.effective_value)
    if len(found) == 1:
        value = found.pop()
        return value if isinstance(value, uuid.UUID) else None
    return None


def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if state.execution_options.get(_OWN):
        return
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table not in GRID_TABLES:
        return
    org = _organisation_in(state.statement)
    _noted(state.session).add(org if org is not None else EVERY)


def _before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()
    orgs: set[Any] = session.info.pop(_ORGS, set())
    people = session.info.pop(_PEOPLE, None)
    if people and EVERY not in orgs:
        orgs.update(
            session.scalars(
                select(Person.organisation_id).where(Person.id.in_(sorted(people, key=str)))
            )
        )
    if not orgs:
        return
    stmt = (
        update(Organisation)
        # updated_at is the organisation's own record: this is not an edit of it.
        .values(
            schedule_version=Organisation.schedule_version + 1,
            updated_at=Organisation.updated_at,
        )
        .execution_options(synchronize_session=False, **{_OWN: True})
    )
    if EVERY not in orgs:
        # One statement, rows in id order: two transactions lock them in the same order.
        stmt = stmt.where(Organisation.id.in_(sorted(orgs, key=str)))
    session.execute(stmt)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the whole transaction ended (commit or rollback)
        session.info.pop(_ORGS, None)
        session.info.pop(_PEOPLE, None)


_LISTENERS = (
    ("before_flush", _before_flush),
    ("do_orm_execute", _on_execute),
    ("before_commit", _before_commit),
    ("after_transaction_end", _after_transaction_end),
)


def install() -> None:
    """Listen on every ORM session of the process (idempotent)."""
    for name, fn in _LISTENERS:
        if not event.contains(Session, name, fn):
            event.listen(Session, name, fn)
