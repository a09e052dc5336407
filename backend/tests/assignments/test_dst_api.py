"""Clock changes end to end, in a northern and a southern zone: a night entered in local
time across the change has its true length (7 h in spring, 9 h in autumn), and placing
it judges the weekly total on the real hours, not the wall-clock ones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from shiftwise.db import Database
from tests.assignments.helpers import rule_layer, violation_rules
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World

# (zone, Saturday night of a clock change, real hours of 22:00-06:00 that night)
NIGHTS = [
    ("Europe/London", date(2030, 3, 30), 7),  # spring forward: 01:00 -> 02:00
    ("Europe/London", date(2030, 10, 26), 9),  # fall back: 02:00 -> 01:00
    ("Australia/Sydney", date(2030, 4, 6), 9),  # fall back: 03:00 -> 02:00
    ("Australia/Sydney", date(2030, 10, 5), 7),  # spring forward: 02:00 -> 03:00
]
WEEK_LIMIT = 47  # five ordinary nights (40 h) + the change night, judged in real hours


def night(zone: str, day: date) -> tuple[datetime, datetime]:
    """22:00 on `day` to 06:00 the next morning, local wall times, as offset instants."""
    tz = ZoneInfo(zone)
    starts = datetime.combine(day, time(22), tzinfo=tz)
    ends = datetime.combine(day + timedelta(days=1), time(6), tzinfo=tz)
    return starts, ends


@pytest.mark.parametrize(("zone", "saturday", "real_hours"), NIGHTS)
async def test_a_night_across_the_change_counts_its_real_hours(
    clients: Clients,
    world: World,
    database: Database,
    zone: str,
    saturday: date,
    real_hours: int,
) -> None:
    async with database.session(write=True) as s:
        loc = await factories.location(s, world.org, f"Night site {zone}", zone)
        await rule_layer(
            s,
            world,
            {"max_hours_per_week": {"params": {"hours": WEEK_LIMIT}}},
            scope=f"location:{loc.id}",
        )
        # Monday to Friday nights of the same week, 8 real hours each.
        for back in range(5, 0, -1):
            starts, _ = night(zone, saturday - timedelta(days=back))
            shift = await factories.shift(s, loc, starts.astimezone(UTC), 8)
            await factories.assignment(s, shift, world.staff)
    admin = await clients.as_user(world.admin)
    starts, ends = night(zone, saturday)
    # Entered as the location's local wall times, each with the offset in force then.
    assert starts.utcoffset() != ends.utcoffset()
    r = await admin.post(
        "/api/v1/shifts",
        json={
            "location_id": str(loc.id),
            "starts_at": starts.isoformat(),
            "ends_at": ends.isoformat(),
        },
    )
    assert r.status_code == 201, r.text
    shift = r.json()
    length = datetime.fromisoformat(shift["ends_at"]) - datetime.fromisoformat(shift["starts_at"])
    assert length == timedelta(hours=real_hours)
    r = await admin.post(
        f"/api/v1/shifts/{shift['id']}/assignments", json={"person_id": str(world.staff.id)}
    )
    total = 40 + real_hours  # wall-clock arithmetic would say 48 both times
    if total > WEEK_LIMIT:
        assert (r.status_code, violation_rules(r)) == (409, ["max_hours_per_week"]), r.text
        [v] = r.json()["violations"]
        assert (Decimal(v["records"]["amount"]), Decimal(v["records"]["limit"])) == (
            Decimal(total),
            Decimal(WEEK_LIMIT),
        )
    else:
        assert r.status_code == 201, r.text
        assert "max_hours_per_week" not in [w["rule"] for w in r.json()["warnings"]]
