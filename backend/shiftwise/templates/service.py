"""Shift templates: recurring patterns, generating their shifts, "all future" edits.

Generated shifts carry (template_id, occurrence_date); a date that already has a shift
of the template, in any state, is never generated again, so generation is idempotent
and a cancelled or detached occurrence stays as the coordinator left it. The template
row is locked while its shifts are generated or realigned, so concurrent runs queue.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.authz.policies import can_manage_location, ensure_can_manage_location
from shiftwise.errors import Conflict, Forbidden, NotFound, Unprocessable, field_error
from shiftwise.kit.pagination import PageParams
from shiftwise.kit.time import utcnow
from shiftwise.models import Location, Shift, ShiftState, ShiftTemplate
from shiftwise.shifts import service as shift_service
from shiftwise.shifts.repository import ShiftRepository
from shiftwise.templates import recurrence, schemas
from shiftwise.templates.repository import TemplateRepository

_NOT_NULL = (
    "name",
    "rrule",
    "starts_on_date",
    "start_time",
    "end_time",
    "break_minutes",
    "headcount",
)
# Shift check codes (shifts.service._check_times) → why an occurrence is not a shift.
_CHECK_REASONS: dict[str | None, schemas.SkipReason] = {
    "ends_before_start": "no_real_length",
    "shift_too_long": "too_long",
    "break_too_long": "break_too_long",
}
_COPIED = ("skill_id", "break_minutes", "headcount", "notes")


def _snap(template: ShiftTemplate) -> dict[str, Any]:
    """audit.snapshot, with local times (which it leaves as objects) as ISO text."""
    return {
        k: v.isoformat() if isinstance(v, time) else v for k, v in audit.snapshot(template).items()
    }


def to_read(template: ShiftTemplate) -> schemas.Template:
    return schemas.Template.model_validate(template)


async def _location(session: AsyncSession, subject: Subject, location_id: uuid.UUID) -> Location:
    location = await ShiftRepository(session, subject.organisation_id).location(location_id)
    if location is None:
        raise NotFound(f"No location with id {location_id}.", code="location_not_found")
    return location


async def _check(session: AsyncSession, subject: Subject, t: ShiftTemplate) -> None:
    """The template's values make sense together (the schema checked each alone)."""
    if t.skill_id is not None and not await ShiftRepository(
        session, subject.organisation_id
    ).skill_exists(t.skill_id):
        raise field_error(
            "body.skill_id", "No skill with this id in your organisation.", "skill_not_found"
        )
    if t.until_date is not None and t.until_date < t.starts_on_date:
        raise field_error(
            "body.until_date", "The template must end on or after it starts.", "end_before_start"
        )
    try:
        t.rrule = recurrence.check(t.rrule, t.starts_on_date)
    except recurrence.RecurrenceError as exc:
        raise field_error("body.rrule", exc.message, exc.code) from exc
    length = recurrence.nominal_length(t.start_time, t.end_time)
    if length.total_seconds() <= t.break_minutes * 60:
        raise field_error(
            "body.break_minutes", "The break must be shorter than the shift.", "break_too_long"
        )


async def create(
    session: AsyncSession, subject: Subject, data: schemas.TemplateCreate
) -> schemas.Template:
    location = await ShiftRepository(session, subject.organisation_id).location(data.location_id)
    if location is None or location.archived_at is not None:
        raise field_error(
            "body.location_id",
            "No active location with this id in your organisation.",
            "location_not_found",
        )
    ensure_can_manage_location(subject, location.id)
    repo = TemplateRepository(session, subject.organisation_id)
    template = ShiftTemplate(id=uuid.uuid4(), **data.model_dump())
    await _check(session, subject, template)
    repo.add(template)
    await session.flush()
    await audit.record(session, subject, "shift_template.created", template, after=_snap(template))
    return to_read(template)


async def list_templates(
    session: AsyncSession,
    subject: Subject,
    location_id: uuid.UUID | None,
    include_archived: bool,
    page: PageParams,
) -> schemas.TemplatePage:
    if location_id is not None:
        await _location(session, subject, location_id)
        ensure_can_manage_location(subject, location_id)
    repo = TemplateRepository(session, subject.organisation_id)
    rows, next_offset = await repo.page(subject, location_id, include_archived, page)
    return schemas.TemplatePage(items=[to_read(t) for t in rows], next_offset=next_offset)


async def _managed(
    repo: TemplateRepository, subject: Subject, template_id: uuid.UUID, *, lock: bool = False
) -> ShiftTemplate:
    template = await repo.get_or_404(template_id, for_update=lock)
    if not can_manage_location(subject, template.location_id):
        raise Forbidden("You do not coordinate this template's location.")
    return template


def _active(template: ShiftTemplate) -> None:
    if template.archived_at is not None:
        raise Conflict("This template is archived.", code="template_archived")


async def get(session: AsyncSession, subject: Subject, template_id: uuid.UUID) -> schemas.Template:
    repo = TemplateRepository(session, subject.organisation_id)
    return to_read(await _managed(repo, subject, template_id))


async def archive(
    session: AsyncSession, subject: Subject, template_id: uuid.UUID
) -> schemas.Template:
    repo = TemplateRepository(session, subject.organisation_id)
    template = await _managed(repo, subject, template_id, lock=True)
    _active(template)
    before = _snap(template)
    template.archived_at = utcnow()
    await session.flush()
    await audit.record(
        session, subject, "shift_template.archived", template, before=before, after=_snap(template)
    )
    return to_read(template)


def _pattern(t: ShiftTemplate, zone: str) -> recurrence.Pattern:
    return recurrence.Pattern(
        rrule=t.rrule,
        starts_on_date=t.starts_on_date,
        until_date=t.until_date,
        start_time=t.start_time,
        end_time=t.end_time,
        time_zone=zone,
    )


def _expand(
    t: ShiftTemplate, zone: str, start: date, end: date, field_name: str
) -> recurrence.Expansion:
    try:
        return recurrence.expand(_pattern(t, zone), start, end)
    except recurrence.RecurrenceError as exc:
        raise field_error(field_name, exc.message, exc.code) from exc


def _unfit(occ: recurrence.Occurrence, break_minutes: int) -> schemas.SkipReason | None:
    """Why this occurrence cannot be a shift (the shifts API's own checks), or None."""
    try:
        shift_service._check_times(occ.starts_at, occ.ends_at, break_minutes)
    except Unprocessable as exc:
        code = exc.fields[0].code if exc.fields else None
        return _CHECK_REASONS.get(code, "no_real_length")
    return None


def _new_shift(t: ShiftTemplate, occ: recurrence.Occurrence) -> Shift:
    return Shift(
        id=uuid.uuid4(),
        organisation_id=t.organisation_id,
        location_id=t.location_id,
        skill_id=t.skill_id,
        starts_at=occ.starts_at,
        ends_at=occ.ends_at,
        break_minutes=t.break_minutes,
        headcount=t.headcount,
        notes=t.notes,
        state=ShiftState.draft,
        template_id=t.id,
        occurrence_date=occ.local_date,
        detached=False,
    )


async def _add_shifts(session: AsyncSession, subject: Subject, shifts: list[Shift]) -> None:
    session.add_all(shifts)
    await session.flush()
    for shift in shifts:
        await audit.record(session, subject, "shift.created", shift)


async def generate(
    session: AsyncSession, subject: Subject, template_id: uuid.UUID, data: schemas.GenerateRequest
) -> schemas.GenerateResult:
    if data.end_date < data.start_date:
        raise field_error("body.end_date", "The period must end on or after it starts.")
    if (data.end_date - data.start_date).days >= schemas.MAX_GENERATE_DAYS:
        raise field_error(
            "body.end_date",
            f"Generate at most {schemas.MAX_GENERATE_DAYS} days at a time.",
            "period_too_long",
        )
    repo = TemplateRepository(session, subject.organisation_id)
    template = await _managed(repo, subject, template_id, lock=True)
    _active(template)
    location = await _location(session, subject, template.location_id)
    expansion = _expand(
        template, location.time_zone, data.start_date, data.end_date, "body.end_date"
    )
    existing = {
        s.occurrence_date: s
        for s in await repo.generated(template.id, data.start_date, data.end_date)
    }
    skipped = [
        schemas.SkippedOccurrence(occurrence_date=d, reason="no_real_length")
        for d in expansion.skipped
    ]
    new: list[Shift] = []
    for occ in expansion.occurrences:
        have = existing.get(occ.local_date)
        reason = "already_generated" if have is not None else _unfit(occ, template.break_minutes)
        if reason is not None:
            skipped.append(
                schemas.SkippedOccurrence(
                    occurrence_date=occ.local_date,
                    reason=reason,
                    shift_id=have.id if have else None,
                )
            )
            continue
        new.append(_new_shift(template, occ))
    await _add_shifts(session, subject, new)
    await audit.record(
        session,
        subject,
        "shift_template.generated",
        template,
        after={
            "start_date": data.start_date.isoformat(),
            "end_date": data.end_date.isoformat(),
            "created": len(new),
        },
    )
    shifts = ShiftRepository(session, subject.organisation_id)
    skipped.sort(key=lambda s: s.occurrence_date)
    return schemas.GenerateResult(created=await shift_service.to_read(shifts, new), skipped=skipped)


@dataclass
class _Realigned:
    updated: list[Shift] = field(default_factory=list)
    created: list[Shift] = field(default_factory=list)
    removed: list[uuid.UUID] = field(default_factory=list)
    left: list[schemas.SkippedOccurrence] = field(default_factory=list)


async def update(
    session: AsyncSession, subject: Subject, template_id: uuid.UUID, data: schemas.TemplateUpdate
) -> schemas.TemplateUpdated:
    repo = TemplateRepository(session, subject.organisation_id)
    template = await _managed(repo, subject, template_id, lock=True)
    _active(template)
    changes = data.model_dump(exclude_unset=True)
    apply_from: date | None = changes.pop("apply_from_date", None)
    for name in _NOT_NULL:
        if name in changes and changes[name] is None:
            raise field_error(f"body.{name}", f"{name} may not be null.", "null_not_allowed")
    before = _snap(template)
    for name, value in changes.items():
        setattr(template, name, value)
    await _check(session, subject, template)
    await session.flush()
    done = _Realigned()
    if apply_from is not None:
        location = await _location(session, subject, template.location_id)
        done = await _realign(session, subject, repo, template, location.time_zone, apply_from)
    await audit.record(
        session,
        subject,
        "shift_template.updated",
        template,
        before=before,
        after=_snap(template)
        | {
            "apply_from_date": apply_from.isoformat() if apply_from else None,
            "updated": len(done.updated),
            "created": len(done.created),
            "removed": len(done.removed),
            "left": len(done.left),
        },
    )
    shifts = ShiftRepository(session, subject.organisation_id)
    return schemas.TemplateUpdated(
        template=to_read(template),
        updated=await shift_service.to_read(shifts, done.updated),
        created=await shift_service.to_read(shifts, done.created),
        removed_shift_ids=done.removed,
        left=done.left,
    )


async def _realign(
    session: AsyncSession,
    subject: Subject,
    repo: TemplateRepository,
    template: ShiftTemplate,
    zone: str,
    apply_from: date,
) -> _Realigned:
    """Bring the template's future generated drafts in line with it (see ADR 0003).

    Only dates up to the last one already generated are considered: realigning never
    generates further ahead than the coordinator did.
    """
    done = _Realigned()
    existing = await repo.generated(template.id, apply_from)
    if not existing:
        return done
    horizon = max(s.occurrence_date for s in existing if s.occurrence_date is not None)
    wanted = {
        o.local_date: o
        for o in _expand(template, zone, apply_from, horizon, "body.apply_from_date").occurrences
    }
    ids = [s.id for s in existing]
    live, ever = await repo.live_staffed(ids), await repo.staffed(ids)
    for shift in existing:
        if shift.detached or shift.state is ShiftState.cancelled:
            continue
        assert shift.occurrence_date is not None
        if shift.state is ShiftState.published or shift.id in live:
            reason: schemas.SkipReason = (
                "published" if shift.state is ShiftState.published else "assigned"
            )
            done.left.append(
                schemas.SkippedOccurrence(
                    occurrence_date=shift.occurrence_date, reason=reason, shift_id=shift.id
                )
            )
            continue
        occ = wanted.get(shift.occurrence_date)
        if occ is None or _unfit(occ, template.break_minutes) is not None:
            await _remove(session, subject, shift, history=shift.id in ever)
            done.removed.append(shift.id)
        elif _differs(shift, template, occ):
            snap = audit.snapshot(shift)
            shift.starts_at, shift.ends_at = occ.starts_at, occ.ends_at
            for name in _COPIED:
                setattr(shift, name, getattr(template, name))
            await session.flush()
            await audit.record(session, subject, "shift.updated", shift, before=snap)
            done.updated.append(shift)
    taken = {s.occurrence_date for s in existing}
    done.created = [
        _new_shift(template, occ)
        for day, occ in sorted(wanted.items())
        if day not in taken and _unfit(occ, template.break_minutes) is None
    ]
    await _add_shifts(session, subject, done.created)
    return done


def _differs(shift: Shift, template: ShiftTemplate, occ: recurrence.Occurrence) -> bool:
    if (shift.starts_at, shift.ends_at) != (occ.starts_at, occ.ends_at):
        return True
    return any(getattr(shift, n) != getattr(template, n) for n in _COPIED)


async def _remove(session: AsyncSession, subject: Subject, shift: Shift, *, history: bool) -> None:
    """A draft the pattern no longer has: deleted, or cancelled if it has assignment history."""
    before = audit.snapshot(shift)
    if history:
        shift.state, shift.cancelled_at = ShiftState.cancelled, utcnow()
        await session.flush()
        await audit.record(
            session, subject, "shift.cancelled", shift, before=before, reason="template changed"
        )
        return
    await audit.record(
        session,
        subject,
        "shift.deleted",
        shift,
        before=before,
        after=None,
        reason="template changed",
    )
    await session.delete(shift)
    await session.flush()
