from __future__ import annotations

import uuid
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.compliance.service import check_rule_period_setting
from shiftwise.kit.time import utcnow
from shiftwise.organisation import schemas
from shiftwise.organisation.repository import OrganisationRepository
from shiftwise.schedule import warm


async def read(session: AsyncSession, subject: Subject) -> schemas.Organisation:
    org = await OrganisationRepository(session, subject.organisation_id).get()
    return schemas.Organisation.model_validate(org)


async def update(
    session: AsyncSession, subject: Subject, data: schemas.OrganisationUpdate
) -> schemas.Organisation:
    org = await OrganisationRepository(session, subject.organisation_id).get()
    before = audit.snapshot(org)
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes:
        org.name = changes["name"]
    if "default_time_zone" in changes and changes["default_time_zone"] is not None:
        org.default_time_zone = changes["default_time_zone"]
    if "week_start" in changes:
        org.week_start = changes["week_start"]
    if data.settings is not None:
        given = data.settings.model_dump(exclude_unset=True)
        check_rule_period_setting(given)
        # A new dict, so the JSON column is seen as changed.
        merged = dict(org.settings or {}) | given
        org.settings = {k: v for k, v in merged.items() if v is not None}
    await session.flush()
    await audit.record(session, subject, "organisation.updated", org, before=before)
    if "week_start" in changes or data.settings is not None:
        await warm.after_rule_change(session, subject.organisation_id)  # weeks, rule period
    return schemas.Organisation.model_validate(org)


async def local_today(session: AsyncSession, organisation_id: uuid.UUID) -> date:
    """Today's date in the organisation's default time zone."""
    org = await OrganisationRepository(session, organisation_id).get()
    return utcnow().astimezone(ZoneInfo(org.default_time_zone)).date()
