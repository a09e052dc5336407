"""A person's contact details, kept only encrypted (bound to the row) plus a blind index."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from shiftwise.errors import Conflict, ErrorBody
from shiftwise.kit.crypto import DecryptionError, blind_index, cipher, normalise_email
from shiftwise.models import Person


def _aad(person: Person, column: str) -> str:
    return f"people:{person.id}:{column}"


def encrypt_contact(person: Person, *, email: str | None, phone: str | None) -> None:
    """Set both fields; `person.id` must already be assigned (it is bound into the ciphertext)."""
    if person.id is None:
        raise ValueError("assign the person's id before encrypting its contact details")
    set_email(person, email)
    set_phone(person, phone)


def set_email(person: Person, email: str | None) -> None:
    # A new address is tried afresh, whatever the provider said of the old one.
    person.email_failing_since = person.email_failure = None
    if email is None:
        person.email_ciphertext = person.email_hash = None
        return
    normalised = normalise_email(email)
    person.email_ciphertext = cipher().encrypt(normalised, _aad(person, "email"))
    person.email_hash = blind_index(normalised)


def set_phone(person: Person, phone: str | None) -> None:
    person.phone_failing_since = person.phone_failure = None
    person.phone_ciphertext = (
        None if phone is None else cipher().encrypt(phone, _aad(person, "phone"))
    )


def set_teams_webhook(person: Person, url: str | None) -> None:
    """Store (or clear) the person's Teams webhook URL, a secret: whoever holds it can post."""
    person.teams_failing_since = person.teams_failure = None
    person.teams_webhook_ciphertext = (
        None if url is None else cipher().encrypt(url, _aad(person, "teams_webhook"))
    )


def teams_webhook_of(person: Person) -> str | None:
    """Raises DecryptionError when the stored value was tampered with or moved between rows."""
    if not person.teams_webhook_ciphertext:
        return None
    return cipher().decrypt(person.teams_webhook_ciphertext, _aad(person, "teams_webhook"))


@dataclass(frozen=True)
class Contact:
    email: str | None
    phone: str | None


def decrypt_contact(person: Person) -> Contact:
    """Raises DecryptionError when a stored value was tampered with or moved between rows."""
    email = (
        cipher().decrypt(person.email_ciphertext, _aad(person, "email"))
        if person.email_ciphertext
        else None
    )
    phone = (
        cipher().decrypt(person.phone_ciphertext, _aad(person, "phone"))
        if person.phone_ciphertext
        else None
    )
    return Contact(email=email, phone=phone)


class ContactUnreadable(Conflict):
    """Stored contact ciphertext failed authentication: tampered with or moved between rows."""

    code = "contact_unreadable"

    def __init__(self, record_type: str, record_id: uuid.UUID, name: str) -> None:
        super().__init__(
            f"The stored contact details of {record_type} '{name}' ({record_id}) cannot be "
            "read; they may have been tampered with. Re-enter them to repair the record."
        )
        self.rows = [{"record_type": record_type, "id": str(record_id), "name": name}]

    def body(self) -> ErrorBody:
        body = super().body()
        body.rows = self.rows
        return body


__all__ = [
    "Contact",
    "ContactUnreadable",
    "DecryptionError",
    "decrypt_contact",
    "encrypt_contact",
    "set_email",
    "set_phone",
    "set_teams_webhook",
    "teams_webhook_of",
]
