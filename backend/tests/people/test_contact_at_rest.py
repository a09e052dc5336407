"""Contact details at rest: never in plain text, bound to their row, tampering detected."""

from __future__ import annotations

import base64
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, update

from shiftwise.db import Database
from shiftwise.models import Person
from shiftwise.people.contact import decrypt_contact, set_phone
from tests.conftest import Clients, db_backend
from tests.fixtures.factories import World
from tests.people.helpers import person_payload

SEEDED = ("sam@acme.test", "+447700900001", "cleo@acme.test", "+447700900002")


def _database_dump(database_url: str) -> bytes:
    """Everything the database holds on disk (SQLite) or would hand to a backup (PostgreSQL)."""
    if db_backend() == "sqlite":
        path = Path(database_url.split(":///", 1)[1])
        return b"".join(
            Path(f"{path}{suffix}").read_bytes()
            for suffix in ("", "-wal")
            if Path(f"{path}{suffix}").exists()
        )
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.fail("pg_dump is needed to inspect the PostgreSQL test database")
    name = database_url.rsplit("/", 1)[1]
    done = subprocess.run(
        [pg_dump, "-h", "127.0.0.1", "-U", "postgres", name],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout


async def _ciphertexts(database: Database, person_id: uuid.UUID) -> tuple[str, str]:
    async with database.session(write=False) as s:
        p = await s.get_one(Person, person_id)
        assert p.email_ciphertext is not None
        assert p.phone_ciphertext is not None
        return p.email_ciphertext, p.phone_ciphertext


async def _set_email_ciphertext(database: Database, person_id: uuid.UUID, value: str) -> None:
    async with database.session(write=True) as s:
        await s.execute(update(Person).where(Person.id == person_id).values(email_ciphertext=value))


def _flip_a_byte(stored: str) -> str:
    kid, _, payload = stored.partition("$")
    raw = bytearray(base64.b64decode(payload))
    raw[-1] ^= 0x01
    return f"{kid}${base64.b64encode(bytes(raw)).decode()}"


class TestAtRest:
    async def test_contact_details_are_not_in_a_plain_dump_of_the_database(
        self, clients: Clients, world: World, database_url: str
    ) -> None:
        c = await clients.as_user(world.admin)
        r = await c.post(
            "/api/v1/people",
            json=person_payload(
                display_name="Dana Dumpcheck", email="dana.secret@example.com", phone="+15551230987"
            ),
        )
        assert r.status_code == 201, r.text
        r = await c.post(
            "/api/v1/users",
            json={"email": "uma.login@example.com", "role": "staff", "person_id": r.json()["id"]},
        )
        assert r.status_code == 201, r.text
        dump = _database_dump(database_url)
        assert b"Dana Dumpcheck" in dump, "the dump should hold the (non-secret) name"
        for secret in (*SEEDED, "dana.secret@example.com", "+15551230987", "uma.login@example.com"):
            assert secret.encode() not in dump, secret
            assert secret.upper().encode() not in dump, secret

    async def test_the_same_plaintext_encrypts_differently_each_time(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        c = await clients.as_user(world.admin)
        ids = []
        for n in (1, 2):
            r = await c.post(
                "/api/v1/people",
                json=person_payload(display_name=f"Twin {n}", email=f"twin{n}@example.com"),
            )
            ids.append(uuid.UUID(r.json()["id"]))
        first, second = [await _ciphertexts(database, i) for i in ids]
        assert first[1] != second[1], "same phone, different rows: different ciphertexts"
        async with database.session(write=False) as s:
            person = await s.get_one(Person, ids[0])
        before = person.phone_ciphertext
        set_phone(person, "+447700900123")
        assert person.phone_ciphertext != before
        assert decrypt_contact(person).phone == "+447700900123"


class TestTampering:
    async def test_a_tampered_ciphertext_is_a_clean_409_naming_the_person(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        email, _ = await _ciphertexts(database, world.colleague.id)
        await _set_email_ciphertext(database, world.colleague.id, _flip_a_byte(email))
        c = await clients.as_user(world.admin)
        for path in (f"/api/v1/people/{world.colleague.id}", "/api/v1/people"):
            r = await c.get(path)
            assert r.status_code == 409, path
            body = r.json()
            assert body["error"] == "contact_unreadable"
            assert "Cleo Colleague" in body["detail"]
            assert body["rows"] == [
                {"record_type": "person", "id": str(world.colleague.id), "name": "Cleo Colleague"}
            ]
            assert "cleo@acme.test" not in r.text
            assert "+447700900002" not in r.text

    async def test_callers_who_may_not_see_contact_are_unaffected(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        email, _ = await _ciphertexts(database, world.colleague.id)
        await _set_email_ciphertext(database, world.colleague.id, _flip_a_byte(email))
        c = await clients.as_user(world.staff_user)
        assert (await c.get("/api/v1/people")).status_code == 200

    async def test_re_entering_the_details_repairs_the_record(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        await _set_email_ciphertext(database, world.colleague.id, "dev1$bm90IGEgY2lwaGVydGV4dA==")
        c = await clients.as_user(world.admin)
        r = await c.patch(
            f"/api/v1/people/{world.colleague.id}", json={"email": "cleo.new@example.com"}
        )
        assert r.status_code == 200, r.text
        assert r.json()["email"] == "cleo.new@example.com"
        assert r.json()["phone"] == "+447700900002"

    async def test_a_ciphertext_copied_from_another_row_does_not_decrypt(
        self, clients: Clients, world: World, database: Database
    ) -> None:
        sams_email, _ = await _ciphertexts(database, world.staff.id)
        await _set_email_ciphertext(database, world.colleague.id, sams_email)
        c = await clients.as_user(world.admin)
        r = await c.get(f"/api/v1/people/{world.colleague.id}")
        assert r.status_code == 409
        assert r.json()["error"] == "contact_unreadable"
        assert "sam@acme.test" not in r.text
        assert (await c.get(f"/api/v1/people/{world.staff.id}")).json()["email"] == "sam@acme.test"

    async def test_the_blind_index_finds_exactly_one_person(
        self, world: World, database: Database
    ) -> None:
        async with database.session(write=False) as s:
            hashes = (await s.scalars(select(Person.email_hash))).all()
        assert len([h for h in hashes if h]) == len({h for h in hashes if h})
        assert all(h is None or "@" not in h for h in hashes)
