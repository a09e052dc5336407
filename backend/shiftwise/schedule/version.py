"""The schedule version and the facts versions: bumped in the transaction of every grid write.

`organisations.schedule_version` changes whenever a transaction wrote anything a schedule
grid shows or judges, so a grid built at version v is the grid of every later request
that still reads v (the grid's cache and ETag are keyed by it, schedule/cache.py).

Two finer counters tell a grid rebuilt at a new version what it can keep from the one
before (docs/adr/0009-grid-facts-versions.md):

- `people.facts_version` moves with every write that can change the rules' facts about
  that person: their row, skills, assignments, availability and exceptions, time off,
  their own rule layer, and any shift they hold (a shift edited or deleted bumps the
  people on it, read before the flush changes them);
- `organisations.facts_epoch` moves with every write that can change what the rules say
  about anyone: a rule layer of the organisation or a location, a skill, a location, the
  organisation's own row (week start, rule period), and every bulk statement whose rows
  are not known (all but a DELETE of one person's rows). A grid whose epoch moved
  re-judges everyone.

It is triggered by the tables a transaction wrote, not by the write paths: a new write
path cannot forget it. Session events (installed once, on every ORM session):

- `before_flush` notes the organisations (and people, and epochs) of the new, dirty and
  deleted objects whose table is in `GRID_TABLES` (a person's skill by its person's
  organisation);
- `do_orm_execute` notes bulk INSERT/UPDATE/DELETE statements on those tables (they
  never appear in new/dirty/deleted), by the `organisation_id = :value` among the AND
  terms of their WHERE clause, or every organisation when the statement names none; a
  DELETE of one person's rows (`person_id = :value`) notes that person, any other
  bulk statement the epoch;
- `before_commit` flushes what is pending, bumps the noted people's `facts_version` in
  one statement, then issues one `UPDATE organisations SET schedule_version =
  schedule_version + 1` (and `facts_epoch + 1` where noted) for the noted organisations
  as the transaction's last statement, so the row lock is held only for the commit. A
  transaction that wrote nothing relevant issues nothing.

Over-counting (a savepoint rolled back, an attribute set to its own value) only costs a
cache miss; under-counting would serve a stale grid, so anything unsure bumps.
"""

from __future__ import annotations

import uuid
from itertools import chain
from typing import Any

from sqlalchemy import (
    BinaryExpression,
    BindParameter,
    Column,
    case,
    event,
    inspect,
    select,
    update,
)
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, UOWTransaction
from sqlalchemy.sql import operators

from shiftwise.models import Assignment, Organisation, Person, PersonSkill

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

# Tables whose rows are about one person (their `person_id`).
PERSON_TABLES = frozenset(
    {
        "assignments",
        "availability_slots",
        "availability_exceptions",
        "time_off_requests",
        "person_skills",
    }
)
# Tables whose rows can change what the rules say about anyone in the organisation.
EPOCH_TABLES = frozenset({"skills", "organisations", "locations"})

_ORGS = "shiftwise.schedule_version.organisations"
_EPOCHS = "shiftwise.schedule_version.epochs"
_PEOPLE = "shiftwise.schedule_version.people"  # whose facts_version moves
_ORGLESS = "shiftwise.schedule_version.orgless"  # people whose organisation is to be read
_OWN = "shiftwise_schedule_version_bump"
EVERY = "*"  # noted when a statement's organisation cannot be told


def _noted(session: Session, key: str = _ORGS) -> set[Any]:
    found: set[Any] = session.info.setdefault(key, set())
    return found


def _people_of(obj: object) -> list[Any]:
    """The person a row is about, and the one it was about before this flush."""
    people = [getattr(obj, "person_id", None)]
    history = inspect(obj).attrs.person_id.history
    people += history.deleted or ()
    return [p for p in people if p is not None]


def _table_of(obj: object) -> str | None:
    table = getattr(obj, "__tablename__", None)
    return table if isinstance(table, str) else None


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    shifts: list[Any] = []
    for obj in chain(session.new, session.dirty, session.deleted):
        table = _table_of(obj)
        if table not in GRID_TABLES:
            continue
        if table == "organisations":
            org = obj.id
        else:
            org = getattr(obj, "organisation_id", None)
            if org is None and not isinstance(obj, PersonSkill):
                org = EVERY
        if org is not None:
            _noted(session).add(org)
        if table in PERSON_TABLES:
            people = _people_of(obj)
            _noted(session, _PEOPLE).update(people)
            if org is None:  # a skill held: its organisation is its person's
                _noted(session, _ORGLESS).update(people)
        elif table == "people":
            _noted(session, _PEOPLE).add(obj.id)
        elif table == "shifts":
            if obj not in session.new and obj.id is not None:
                shifts.append(obj.id)
        elif table == "compliance_rule_settings" and obj.person_id is not None:
            _noted(session, _PEOPLE).update(_people_of(obj))
        elif table != "shift_templates":  # templates are not facts
            _noted(session, _EPOCHS).add(org if org is not None else EVERY)
    if shifts:
        # The people on an edited or deleted shift, as they are before this flush
        # changes (or cascades away) their assignments.
        with session.no_autoflush:
            held = session.scalars(
                select(Assignment.person_id).where(Assignment.shift_id.in_(shifts))
            )
            _noted(session, _PEOPLE).update(held)


def _equal_to(statement: Any, names: frozenset[str]) -> uuid.UUID | None:
    """The value of the one `<column> = :value` term, for a column named in `names`,
    among the top-level AND terms of a DML statement's WHERE clause (a term under an
    OR does not restrict the rows written, so it does not count)."""
    where = getattr(statement, "whereclause", None)
    if where is None:
        return None
    terms = where.clauses if getattr(where, "operator", None) is operators.and_ else [where]
    found: set[Any] = set()
    for node in terms:
        if not isinstance(node, BinaryExpression) or node.operator is not operators.eq:
            continue
        left, right = node.left, node.right
        if isinstance(right, Column):
            left, right = right, left
        if isinstance(left, Column) and isinstance(right, BindParameter) and left.name in names:
            found.add(right.effective_value)
    if len(found) == 1:
        value = found.pop()
        return value if isinstance(value, uuid.UUID) else None
    return None


_ORGANISATION_COLUMNS = frozenset({"organisation_id"})
_PERSON_COLUMNS = frozenset({"person_id"})


def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    if state.execution_options.get(_OWN):
        return
    statement = state.statement
    table = getattr(getattr(statement, "table", None), "name", None)
    if table not in GRID_TABLES:
        return
    names = frozenset({"id"}) if table == "organisations" else _ORGANISATION_COLUMNS
    org = _equal_to(statement, names)
    # A DELETE of one person's rows (a pattern of availability replaced, skills reset)
    # changes only that person's facts; any other bulk statement's rows are unknown:
    # everyone's facts may have moved.
    person = _equal_to(statement, _PERSON_COLUMNS) if state.is_delete else None
    if person is not None and table in PERSON_TABLES:
        _noted(state.session, _PEOPLE).add(person)
        if org is None:
            _noted(state.session, _ORGLESS).add(person)
        else:
            _noted(state.session).add(org)
        return
    _noted(state.session).add(org if org is not None else EVERY)
    _noted(state.session, _EPOCHS).add(org if org is not None else EVERY)


def _before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()
    orgs: set[Any] = session.info.pop(_ORGS, set())
    epochs: set[Any] = session.info.pop(_EPOCHS, set())
    people: set[Any] = session.info.pop(_PEOPLE, set())
    orgless: set[Any] = session.info.pop(_ORGLESS, set())
    if orgless and EVERY not in orgs:
        orgs.update(
            session.scalars(
                select(Person.organisation_id).where(Person.id.in_(sorted(orgless, key=str)))
            )
        )
    if people:
        session.execute(
            update(Person)
            .where(Person.id.in_(sorted(people, key=str)))
            # updated_at is the person's own record: this is not an edit of them.
            .values(facts_version=Person.facts_version + 1, updated_at=Person.updated_at)
            .execution_options(synchronize_session=False, **{_OWN: True})
        )
    if not orgs:
        return
    if EVERY in epochs:
        epoch: Any = Organisation.facts_epoch + 1
    elif epochs:
        epoch = case(
            (Organisation.id.in_(sorted(epochs, key=str)), Organisation.facts_epoch + 1),
            else_=Organisation.facts_epoch,
        )
    else:
        epoch = Organisation.facts_epoch
    stmt = (
        update(Organisation)
        # updated_at is the organisation's own record: this is not an edit of it.
        .values(
            schedule_version=Organisation.schedule_version + 1,
            facts_epoch=epoch,
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
        for key in (_ORGS, _EPOCHS, _PEOPLE, _ORGLESS):
            session.info.pop(key, None)


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
