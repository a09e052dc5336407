from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from shiftwise.audit import service as audit
from shiftwise.auth.subject import Subject
from shiftwise.errors import Conflict, FieldError, Unprocessable
from shiftwise.kit.time import utcnow
from shiftwise.locations import schemas
from shiftwise.locations.repository import LocationRepository
from shiftwise.models import Location


async def to_read(repo: LocationRepository, locations: list[Location]) -> list[schemas.Location]:
    coordinators = await repo.coordinators_of([loc.id for loc in locations])
    return [
        schemas.Location(
            id=loc.id,
            name=loc.name,
            address=loc.address,
            time_zone=loc.time_zone,
            archived_at=loc.archived_at,
            coordinator_user_ids=sorted(coordinators.get(loc.id, []), key=str),
            created_at=loc.created_at,
            updated_at=loc.updated_at,
        )
        for loc in locations
    ]


async def _check_coordinators(repo: LocationRepository, user_ids: list[uuid.UUID]) -> None:
    wanted = list(dict.fromkeys(user_ids))
    found = {u.id for u in await repo.coordinator_users(wanted)}
    missing = [u for u in wanted if u not in found]
    if missing:
        raise Unprocessable(
            "Coordinators must be users of this organisation with the coordinator role.",
            fields=[
                FieldError(
                    field=f"body.coordinator_user_ids.{user_ids.index(u)}",
                    message=f"{u} is not a coordinator of this organisation",
                )
                for u in missing
            ],
        )


async def _name_free(repo: LocationRepository, name: str, except_id: uuid.UUID | None) -> None:
    for loc in await repo.all(include_archived=True):
        if loc.name.casefold() == name.casefold() and loc.id != except_id:
            raise Conflict(f"A location named '{name}' already exists.", code="duplicate_name")


async def create(
    session: AsyncSession, subject: Subject, data: schemas.LocationCreate
) -> schemas.Location:
    repo = LocationRepository(session, subject.organisation_id)
    await _name_free(repo, data.name, None)
    await _check_coordinators(repo, data.coordinator_user_ids)
    location = repo.add(
        Location(id=uuid.uuid4(), name=data.name, address=data.address, time_zone=data.time_zone)
    )
    await session.flush()
    await repo.set_coordinators(location.id, list(dict.fromkeys(data.coordinator_user_ids)))
    after = audit.snapshot(location) | {
        "coordinator_user_ids": [str(u) for u in data.coordinator_user_ids]
    }
    await audit.record(session, subject, "location.created", location, after=after)
    return (await to_read(repo, [location]))[0]


async def update(
    session: AsyncSession, subject: Subject, location_id: uuid.UUID, data: schemas.LocationUpdate
) -> schemas.Location:
    repo = LocationRepository(session, subject.organisation_id)
    location = await repo.get_or_404(location_id)
    before = (await to_read(repo, [location]))[0].model_dump(mode="json")
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes and changes["name"] is not None:
        await _name_free(repo, changes["name"], location.id)
        location.name = changes["name"]
    if "address" in changes:
        location.address = changes["address"]
    if changes.get("time_zone") is not None:
        location.time_zone = changes["time_zone"]
    if changes.get("archived") is not None:
        location.archived_at = utcnow() if changes["archived"] else None
    if data.coordinator_user_ids is not None:
        await _check_coordinators(repo, data.coordinator_user_ids)
        await repo.set_coordinators(location.id, list(dict.fromkeys(data.coordinator_user_ids)))
    await session.flush()
    result = (await to_read(repo, [location]))[0]
    await audit.record(
        session,
        subject,
        "location.updated",
        location,
        before=before,
        after=result.model_dump(mode="json"),
    )
    return result
