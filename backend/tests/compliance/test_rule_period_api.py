"""The organisation's rule period is set through PATCH /organisation settings, validated."""

from __future__ import annotations

import pytest

from tests.conftest import Clients
from tests.fixtures.factories import World

URL = "/api/v1/organisation"


async def test_an_admin_sets_and_removes_the_rule_period(clients: Clients, world: World) -> None:
    c = await clients.as_user(world.admin)
    period = {"weeks": 2, "anchor_date": "2030-03-04"}
    r = await c.patch(URL, json={"settings": {"rule_period": period}})
    assert r.status_code == 200, r.text
    assert r.json()["settings"]["rule_period"] == period
    r = await c.patch(URL, json={"settings": {"rule_period": {"months": 1}}})
    assert r.status_code == 200, r.text
    r = await c.patch(URL, json={"settings": {"rule_period": None}})
    assert r.status_code == 200, r.text
    assert "rule_period" not in r.json()["settings"]


@pytest.mark.parametrize(
    ("period", "field"),
    [
        ({"weeks": 3}, "body.settings.rule_period.anchor_date"),
        ({"weeks": 12, "anchor_date": "2030-03-04"}, "body.settings.rule_period.weeks"),
        ({"months": 3}, "body.settings.rule_period.months"),
        ("fortnightly", "body.settings.rule_period"),
    ],
)
async def test_an_invalid_rule_period_names_the_field(
    clients: Clients, world: World, period: object, field: str
) -> None:
    c = await clients.as_user(world.admin)
    r = await c.patch(URL, json={"settings": {"rule_period": period}})
    assert r.status_code == 422, r.text
    assert [(f["field"], f["code"]) for f in r.json()["fields"]] == [(field, "invalid_rule_period")]
    r = await c.get(URL)
    assert "rule_period" not in r.json()["settings"]
