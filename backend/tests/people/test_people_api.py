from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from shiftwise.db import Database
from tests.audit.helpers import actions, entries
from tests.conftest import Clients
from tests.fixtures import factories
from tests.fixtures.factories import World
from tests.people.helpers import fields_of, person_payload


class TestCreate:
    async def test_admin_creates_a_person_with_skills_and_one_audit_entry(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        payload = person_payload(
            home_location_id=str(world.loc.id),
            payroll_id="P-17",
            skills=[{"skill_id": str(world.skill.id), "expires_date": "2027-01-31"}],
        )
        r = await c.post("/api/v1/people", json=payload)
        assert r.status_code == 201, r.text
        assert r.headers["cache-control"] == "no-store"
        body = r.json()
        assert body["email"] == "pat@example.com"
        assert body["phone"] == "+447700900123"
        assert body["contact_visible"] is True
        assert body["hourly_rate"] == "17.25"
        assert body["skills"] == [
            {"skill_id": str(world.skill.id), "name": "Nurse", "expires_date": "2027-01-31"}
        ]
        assert body["is_active"] is True
        assert body["inactive_since_date"] is None
        [entry] = await entries(database)
        assert entry.action == "person.created"
        assert entry.record_id == uuid.UUID(body["id"])
        assert entry.after is not None
        assert entry.after["display_name"] == "Pat Example"
        dumped = json.dumps([entry.before, entry.after])
        for secret in ("pat@example.com", "+447700900123", "ciphertext", "email_hash"):
            assert secret not in dumped

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"email": "not-an-email"}, "body.email"),
            ({"email": "pat@site.test"}, "body.email"),
            ({"phone": "07700 900123"}, "body.phone"),
            ({"phone": "+0447700900123"}, "body.phone"),
            ({"phone": "+44"}, "body.phone"),
            ({"employment_type": "pirate"}, "body.employment_type"),
            ({"hourly_rate": "-1"}, "body.hourly_rate"),
            ({"hourly_rate": "1.234"}, "body.hourly_rate"),
            ({"display_name": ""}, "body.display_name"),
            ({"contracted_hours_per_week": "200"}, "body.contracted_hours_per_week"),
            ({"max_hours_per_week": "10"}, "body.max_hours_per_week"),
            ({"skills": [{"skill_id": "nope"}]}, "body.skills.0.skill_id"),
        ],
    )
    async def test_bad_input_is_422_naming_the_field(
        self,
        clients: Clients,
        world: World,
        database: Database,
        overrides: dict[str, object],
        field: str,
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/people", json=person_payload(**overrides))
        assert r.status_code == 422, r.text
        assert field in fields_of(r.json())
        assert await entries(database) == []

    async def test_references_to_another_organisation_are_422_naming_the_field(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            foreign_skill = await factories.skill(s, world.other_org, "Foreign")
        c = await clients.as_user(world.admin)
        payload = person_payload(
            home_location_id=str(world.foreign_loc.id),
            skills=[
                {"skill_id": str(world.skill.id)},
                {"skill_id": str(foreign_skill.id)},
                {"skill_id": str(world.skill.id)},
            ],
        )
        r = await c.post("/api/v1/people", json=payload)
        assert r.status_code == 422
        assert fields_of(r.json()) == [
            "body.home_location_id",
            "body.skills.1.skill_id",
            "body.skills.2.skill_id",
        ]

    async def test_email_already_used_in_the_organisation_is_409(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        assert (await c.post("/api/v1/people", json=person_payload())).status_code == 201
        r = await c.post(
            "/api/v1/people", json=person_payload(display_name="Twin", email="PAT@example.com")
        )
        assert r.status_code == 409
        assert r.json()["error"] == "duplicate_email"
        assert fields_of(r.json()) == ["body.email"]

    @pytest.mark.parametrize("who", ["coordinator", "staff_user"])
    async def test_only_admins_create_people(
        self, clients: Clients, world: World, who: str
    ) -> None:
        c = await clients.as_user(getattr(world, who))
        assert (await c.post("/api/v1/people", json=person_payload())).status_code == 403


class TestVisibility:
    async def test_staff_see_colleagues_names_and_skills_but_never_contact_or_pay(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.staff_user)
        r = await c.get("/api/v1/people")
        assert r.status_code == 200
        assert r.headers["cache-control"] == "no-store"
        people = {p["display_name"]: p for p in r.json()["items"]}
        assert set(people) == {"Sam Staff", "Cleo Colleague"}
        cleo = people["Cleo Colleague"]
        assert cleo["email"] is None
        assert cleo["phone"] is None
        assert cleo["contact_visible"] is False
        assert cleo["hourly_rate"] is None
        assert cleo["pay_visible"] is False
        assert [s["name"] for s in cleo["skills"]] == ["Nurse"]
        sam = people["Sam Staff"]
        assert sam["email"] == "sam@acme.test"
        assert sam["phone"] == "+447700900001"
        assert sam["hourly_rate"] == "15.00"
        detail = await c.get(f"/api/v1/people/{world.colleague.id}")
        assert detail.status_code == 200
        assert detail.headers["cache-control"] == "no-store"
        assert detail.json()["email"] is None
        assert detail.json()["phone"] is None
        assert detail.json()["contact_visible"] is False
        assert "cleo@acme.test" not in r.text + detail.text
        assert "+447700900002" not in r.text + detail.text

    async def test_coordinator_of_another_location_sees_no_contact(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.other_coordinator)
        listed = await c.get("/api/v1/people")
        detail = await c.get(f"/api/v1/people/{world.colleague.id}")
        assert all(p["email"] is None and p["phone"] is None for p in listed.json()["items"])
        assert detail.json()["contact_visible"] is False
        assert detail.json()["hourly_rate"] == "15.00"
        assert "@acme.test" not in listed.text + detail.text

    async def test_coordinator_of_the_home_location_and_admin_see_contact(
        self, clients: Clients, world: World
    ) -> None:
        for user in (world.coordinator, world.admin):
            c = await clients.as_user(user)
            body = (await c.get(f"/api/v1/people/{world.colleague.id}")).json()
            assert body["email"] == "cleo@acme.test"
            assert body["phone"] == "+447700900002"
            assert body["contact_visible"] is True

    async def test_another_organisations_person_is_404(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        pid = world.foreign_person.id
        assert (await c.get(f"/api/v1/people/{pid}")).status_code == 404
        r = await c.patch(f"/api/v1/people/{pid}", json={"display_name": "Mine"})
        assert r.status_code == 404
        assert r.json()["error"] == "person_not_found"
        assert (await c.put(f"/api/v1/people/{pid}/skills", json=[])).status_code == 404
        listed = (await c.get("/api/v1/people")).json()["items"]
        assert str(pid) not in {p["id"] for p in listed}
        assert await entries(database) == []


class TestListFilters:
    async def test_filters_and_pagination(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            await factories.person(s, world.org, "Olga Other", home=world.other_loc)
            gone = await factories.person(s, world.org, "Ivan 100% Inactive")
            gone.is_active = False
        c = await clients.as_user(world.admin)

        async def names(**params: str) -> list[str]:
            r = await c.get("/api/v1/people", params=params)
            assert r.status_code == 200, r.text
            return [p["display_name"] for p in r.json()["items"]]

        assert await names() == ["Cleo Colleague", "Ivan 100% Inactive", "Olga Other", "Sam Staff"]
        assert await names(location_id=str(world.other_loc.id)) == ["Olga Other"]
        assert await names(skill_id=str(world.skill.id)) == ["Cleo Colleague", "Sam Staff"]
        assert await names(active="false") == ["Ivan 100% Inactive"]
        assert await names(q="COLL") == ["Cleo Colleague"]
        assert await names(q="100%") == ["Ivan 100% Inactive"]
        assert await names(q="%") == ["Ivan 100% Inactive"]
        first = (await c.get("/api/v1/people", params={"limit": 3})).json()
        assert len(first["items"]) == 3
        assert first["next_offset"] == 3
        rest = (await c.get("/api/v1/people", params={"limit": 3, "offset": 3})).json()
        assert [p["display_name"] for p in rest["items"]] == ["Sam Staff"]
        assert rest["next_offset"] is None

    async def test_bad_filter_is_422_naming_it(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.get("/api/v1/people", params={"location_id": "north"})
        assert r.status_code == 422
        assert fields_of(r.json()) == ["query.location_id"]


class TestUpdate:
    async def test_patch_changes_fields_and_audits_which_contact_changed_without_values(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.patch(
            f"/api/v1/people/{world.colleague.id}",
            json={
                "display_name": "Cleo C.",
                "phone": "+447700900999",
                "home_location_id": str(world.other_loc.id),
                "hourly_rate": None,
            },
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["display_name"] == "Cleo C."
        assert body["phone"] == "+447700900999"
        assert body["email"] == "cleo@acme.test"
        assert body["home_location_id"] == str(world.other_loc.id)
        assert body["hourly_rate"] is None
        [entry] = await entries(database)
        assert entry.action == "person.updated"
        assert entry.before is not None
        assert entry.after is not None
        assert entry.before["display_name"] == "Cleo Colleague"
        assert entry.after["contact_changed"] == ["phone"]
        dumped = json.dumps([entry.before, entry.after])
        assert "+447700900" not in dumped
        assert "cleo@acme.test" not in dumped

    async def test_email_of_another_person_is_409(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/people/{world.staff.id}", json={"email": "pat@example.com"})
        assert r.status_code == 200
        r = await c.patch(f"/api/v1/people/{world.colleague.id}", json={"email": "Pat@Example.com"})
        assert r.status_code == 409
        assert r.json()["error"] == "duplicate_email"

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"display_name": None}, "body.display_name"),
            ({"is_active": None}, "body.is_active"),
            ({"email": "nope"}, "body.email"),
            ({"phone": "+44 7700 900123"}, "body.phone"),
            ({"max_hours_per_week": "1"}, "body.max_hours_per_week"),
            ({"user_id": str(uuid.uuid4())}, "body.user_id"),
        ],
    )
    async def test_bad_patch_is_422_naming_the_field(
        self, clients: Clients, world: World, payload: dict[str, object], field: str
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/people/{world.colleague.id}", json=payload)
        assert r.status_code == 422, r.text
        assert field in fields_of(r.json())

    async def test_foreign_home_location_is_422(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.patch(
            f"/api/v1/people/{world.colleague.id}",
            json={"home_location_id": str(world.foreign_loc.id)},
        )
        assert r.status_code == 422
        assert fields_of(r.json()) == ["body.home_location_id"]

    async def test_coordinator_may_not_patch(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.coordinator)
        r = await c.patch(f"/api/v1/people/{world.colleague.id}", json={"display_name": "X"})
        assert r.status_code == 403


class TestDeactivate:
    async def test_deactivating_disables_the_login_and_ends_its_sessions(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        cleo = await clients.as_user(world.colleague_user)
        assert (await cleo.get("/api/v1/me")).status_code == 200
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/people/{world.colleague.id}", json={"is_active": False})
        assert r.status_code == 200, r.text
        assert r.json()["is_active"] is False
        assert date.fromisoformat(r.json()["inactive_since_date"]) >= date(2020, 1, 1)
        r = await cleo.get("/api/v1/me")
        assert r.status_code == 401
        users = (await c.get("/api/v1/users", params={"active": "false"})).json()["items"]
        assert [u["id"] for u in users] == [str(world.colleague_user.id)]
        assert await actions(database) == ["user.updated", "person.updated"]
        r = await c.patch(f"/api/v1/people/{world.colleague.id}", json={"is_active": True})
        assert r.json()["is_active"] is True
        assert r.json()["inactive_since_date"] is None

    async def test_the_last_active_admins_person_cannot_be_deactivated(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            me = await factories.person(s, world.org, "Ada Admin", user=world.admin)
        c = await clients.as_user(world.admin)
        r = await c.patch(f"/api/v1/people/{me.id}", json={"is_active": False})
        assert r.status_code == 409
        assert r.json()["error"] == "last_admin"
        assert (await c.get(f"/api/v1/people/{me.id}")).json()["is_active"] is True
        assert await entries(database) == []


class TestSkills:
    async def test_coordinator_of_the_home_location_replaces_skills(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        async with database.session(write=True) as s:
            bar = await factories.skill(s, world.org, "Bar")
        c = await clients.as_user(world.coordinator)
        r = await c.put(
            f"/api/v1/people/{world.colleague.id}/skills",
            json=[
                {"skill_id": str(bar.id), "expires_date": "2026-12-31"},
                {"skill_id": str(world.skill.id), "expires_date": None},
            ],
        )
        assert r.status_code == 200, r.text
        assert r.headers["cache-control"] == "no-store"
        assert [(s["name"], s["expires_date"]) for s in r.json()["skills"]] == [
            ("Bar", "2026-12-31"),
            ("Nurse", None),
        ]
        [entry] = await entries(database, world.colleague.id)
        assert entry.action == "person.skills_replaced"
        assert entry.before == {"skills": [{"skill_id": str(world.skill.id), "expires_date": None}]}
        r = await c.put(f"/api/v1/people/{world.colleague.id}/skills", json=[])
        assert r.json()["skills"] == []

    @pytest.mark.parametrize("who", ["other_coordinator", "staff_user"])
    async def test_others_may_not_change_skills(
        self, clients: Clients, world: World, who: str
    ) -> None:
        c = await clients.as_user(getattr(world, who))
        r = await c.put(f"/api/v1/people/{world.colleague.id}/skills", json=[])
        assert r.status_code == 403

    async def test_unknown_or_repeated_skill_is_422_naming_the_item(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        sid = str(world.skill.id)
        r = await c.put(
            f"/api/v1/people/{world.colleague.id}/skills",
            json=[{"skill_id": sid}, {"skill_id": sid}, {"skill_id": str(uuid.uuid4())}],
        )
        assert r.status_code == 422
        assert fields_of(r.json()) == ["body.1.skill_id", "body.2.skill_id"]
        r = await c.put(
            f"/api/v1/people/{world.colleague.id}/skills",
            json=[{"skill_id": sid, "expires_date": "someday"}],
        )
        assert r.status_code == 422
        assert fields_of(r.json()) == ["body.0.expires_date"]


class TestLookup:
    async def test_admin_finds_a_person_by_exact_email(
        self, clients: Clients, world: World
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/people/lookup", json={"email": " Cleo@ACME.test "})
        assert r.status_code == 200, r.text
        assert r.json()["id"] == str(world.colleague.id)
        assert r.headers["cache-control"] == "no-store"
        r = await c.post("/api/v1/people/lookup", json={"email": "cle@acme.test"})
        assert r.status_code == 404
        assert r.json()["error"] == "person_not_found"

    async def test_coordinator_finds_only_people_whose_contact_they_may_see(
        self, clients: Clients, world: World
    ) -> None:
        mine = await clients.as_user(world.coordinator)
        r = await mine.post("/api/v1/people/lookup", json={"email": "cleo@acme.test"})
        assert r.status_code == 200
        theirs = await clients.as_user(world.other_coordinator)
        r = await theirs.post("/api/v1/people/lookup", json={"email": "cleo@acme.test"})
        assert r.status_code == 404

    async def test_staff_may_not_look_up_and_other_orgs_find_nothing(
        self, clients: Clients, world: World
    ) -> None:
        staff = await clients.as_user(world.staff_user)
        r = await staff.post("/api/v1/people/lookup", json={"email": "cleo@acme.test"})
        assert r.status_code == 403
        foreign = await clients.as_user(world.foreign_admin)
        r = await foreign.post("/api/v1/people/lookup", json={"email": "cleo@acme.test"})
        assert r.status_code == 404

    async def test_missing_email_is_422(self, clients: Clients, world: World) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post("/api/v1/people/lookup", json={})
        assert fields_of(r.json()) == ["body.email"]
