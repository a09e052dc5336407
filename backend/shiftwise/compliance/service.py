"""Compliance rule layers: organisation ← location ← person over the documented defaults.

Layers are stored in the engine's shape (docs/adr/0002-rule-engine.md) and validated by
the engine's own parser before they are saved, so a saved layer always resolves.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location, ensure_can_manage_location
from shiftwise.compliance import schemas
from shiftwise.compliance.policies import can_view_person_rules, ensure_can_edit_person_rules
from shiftwise.compliance.repository import ComplianceRepository, scope_key
from shiftwise.errors import Forbidden, NotFound, field_error
from shiftwise.models import ComplianceRuleSetting, Location, Organisation, Person
from shiftwise.schedule import warm
from shiftwise.scheduling import rules


def _setting(cfg: rules.RuleConfig) -> schemas.RuleSetting:
    return schemas.RuleSetting(enabled=cfg.enabled, severity=cfg.severity, params=dict(cfg.params))


def _effective(rule_set: rules.RuleSet) -> dict[rules.RuleCode, schemas.RuleSetting]:
    return {code: _setting(rule_set[code]) for code in rules.RuleCode}


def _overrides(raw: Mapping[str, Any] | None) -> dict[rules.RuleCode, schemas.RuleOverrideRead]:
    return {
        code: schemas.RuleOverrideRead(
            enabled=o.enabled, severity=o.severity, params=dict(o.params)
        )
        for code, o in rules.parse_overrides(raw).items()
    }


def _stored(data: schemas.RuleLayerUpdate) -> dict[str, Any]:
    """The layer as stored: only what was set, so everything else is inherited."""
    layer: dict[str, Any] = {}
    for code, o in data.rules.items():
        body: dict[str, Any] = {}
        if o.enabled is not None:
            body["enabled"] = o.enabled
        if o.severity is not None:
            body["severity"] = o.severity.value
        if o.params:
            body["params"] = dict(o.params)
        layer[code.value] = body
    try:
        rules.parse_overrides(layer, prefix="body.rules.")
    except rules.RuleConfigError as exc:
        raise field_error(exc.path, exc.message, "invalid_rule_setting") from None
    return layer


def check_rule_period_setting(settings: Mapping[str, Any]) -> None:
    """422 naming the field when organisation settings given for a change carry an
    invalid `rule_period` (docs/adr/0005-rule-period.md); null removes it (the
    calendar month)."""
    raw = settings.get("rule_period")
    if raw is None:
        return
    try:
        rules.parse_rule_period(raw, path="body.settings.rule_period")
    except rules.RuleConfigError as exc:
        raise field_error(exc.path, exc.message, "invalid_rule_period") from None


async def _location(repo: ComplianceRepository, location_id: uuid.UUID) -> Location:
    location = await repo.location(location_id)
    if location is None:
        raise NotFound(f"No location with id {location_id}.", code="location_not_found")
    return location


async def _person(repo: ComplianceRepository, person_id: uuid.UUID) -> Person:
    person = await repo.person(person_id)
    if person is None:
        raise NotFound(f"No person with id {person_id}.", code="person_not_found")
    return person


def _raw(layers: Mapping[str, ComplianceRuleSetting], key: str | None) -> dict[str, Any] | None:
    row = layers.get(key) if key else None
    return row.rules if row is not None else None


async def overview(
    session: AsyncSession,
    subject: Subject,
    location_id: uuid.UUID | None,
    person_id: uuid.UUID | None,
) -> schemas.ComplianceRules:
    """Defaults, the organisation's layer and the effective set (for a location/person)."""
    repo = ComplianceRepository(session, subject.organisation_id)
    location = await _location(repo, location_id) if location_id else None
    person = await _person(repo, person_id) if person_id else None
    if location is not None:
        ensure_can_manage_location(subject, location.id)
    if person is not None and not (
        can_view_person_rules(subject, person.id, person.home_location_id)
        or (location is not None and can_manage_location(subject, location.id))
    ):
        raise Forbidden("You may not see this person's rules.")
    loc_key = scope_key(location_id=location.id) if location else None
    person_key = scope_key(person_id=person.id) if person else None
    layers = await repo.layers([k for k in ("organisation", loc_key, person_key) if k])
    org = await session.get_one(Organisation, subject.organisation_id)
    organisation = _raw(layers, "organisation")
    return schemas.ComplianceRules(
        week_start=org.week_start,
        location_id=location.id if location else None,
        person_id=person.id if person else None,
        defaults=_effective(rules.DEFAULT_RULE_SET),
        organisation=_overrides(organisation),
        location=_overrides(_raw(layers, loc_key)) if loc_key else None,
        person=_overrides(_raw(layers, person_key)) if person_key else None,
        effective=_effective(
            rules.resolve_rules(
                organisation,
                _raw(layers, loc_key),
                _raw(layers, person_key),
                week_start=org.week_start,
            )
        ),
    )


async def _layer_read(
    session: AsyncSession,
    subject: Subject,
    location_id: uuid.UUID | None,
    person_id: uuid.UUID | None,
) -> schemas.RuleLayer:
    repo = ComplianceRepository(session, subject.organisation_id)
    key = scope_key(location_id, person_id)
    keys = ["organisation", key]
    if location_id is not None:
        keys.append(scope_key(location_id=location_id))
    layers = await repo.layers(keys)
    org = await session.get_one(Organisation, subject.organisation_id)
    own = layers.get(key)
    scope: schemas.Scope = "person" if person_id else "location" if location_id else "organisation"
    return schemas.RuleLayer(
        scope=scope,
        location_id=location_id,
        person_id=person_id,
        rules=_overrides(own.rules if own else None),
        effective=_effective(
            rules.resolve_rules(
                _raw(layers, "organisation"),
                _raw(layers, scope_key(location_id=location_id)) if location_id else None,
                _raw(layers, scope_key(person_id=person_id)) if person_id else None,
                week_start=org.week_start,
            )
        ),
        updated_at=own.updated_at if own else None,
    )


async def _save(
    session: AsyncSession,
    subject: Subject,
    data: schemas.RuleLayerUpdate,
    *,
    location_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
) -> None:
    layer = _stored(data)
    repo = ComplianceRepository(session, subject.organisation_id)
    key = scope_key(location_id, person_id)
    row = await repo.layer(key, for_update=True)
    before = {"rules": row.rules} if row is not None else None
    if row is None:
        row = repo.add(
            ComplianceRuleSetting(
                id=uuid.uuid4(), scope_key=key, location_id=location_id, person_id=person_id
            )
        )
    row.rules = layer  # a new dict, so the JSON column is seen as changed
    await session.flush()
    await audit.record(session, subject, "compliance_rules.updated", row, before=before)
    if person_id is None:
        # Everyone's rules moved: the worker judges the weeks people look at again
        # before they ask (schedule/warm.py).
        await warm.after_rule_change(session, subject.organisation_id)


async def get_organisation(session: AsyncSession, subject: Subject) -> schemas.RuleLayer:
    return await _layer_read(session, subject, None, None)


async def put_organisation(
    session: AsyncSession, subject: Subject, data: schemas.RuleLayerUpdate
) -> schemas.RuleLayer:
    await _save(session, subject, data)
    return await _layer_read(session, subject, None, None)


async def get_location(
    session: AsyncSession, subject: Subject, location_id: uuid.UUID
) -> schemas.RuleLayer:
    location = await _location(ComplianceRepository(session, subject.organisation_id), location_id)
    return await _layer_read(session, subject, location.id, None)


async def put_location(
    session: AsyncSession, subject: Subject, location_id: uuid.UUID, data: schemas.RuleLayerUpdate
) -> schemas.RuleLayer:
    location = await _location(ComplianceRepository(session, subject.organisation_id), location_id)
    await _save(session, subject, data, location_id=location.id)
    return await _layer_read(session, subject, location.id, None)


async def get_person(
    session: AsyncSession, subject: Subject, person_id: uuid.UUID
) -> schemas.RuleLayer:
    person = await _person(ComplianceRepository(session, subject.organisation_id), person_id)
    if not can_view_person_rules(subject, person.id, person.home_location_id):
        raise Forbidden("Only an administrator or the person's home coordinator may do this.")
    return await _layer_read(session, subject, person.home_location_id, person.id)


async def put_person(
    session: AsyncSession, subject: Subject, person_id: uuid.UUID, data: schemas.RuleLayerUpdate
) -> schemas.RuleLayer:
    person = await _person(ComplianceRepository(session, subject.organisation_id), person_id)
    ensure_can_edit_person_rules(subject, person.id, person.home_location_id)
    await _save(session, subject, data, person_id=person.id)
    return await _layer_read(session, subject, person.home_location_id, person.id)
