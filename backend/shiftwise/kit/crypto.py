"""Field encryption (AES-GCM with a key id, so keys can rotate) and blind indexes.

Ciphertext text format: ``<kid>$<base64(nonce || ciphertext+tag)>``. The associated
data binds a ciphertext to its row and column, so a value copied into another row
does not decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shiftwise.config import get_settings


class DecryptionError(Exception):
    """A stored value could not be decrypted (tampered, wrong row, or unknown key)."""


class FieldCipher:
    def __init__(self, keyring: dict[str, bytes]) -> None:
        if not keyring:
            raise ValueError("empty keyring")
        self._keys = {kid: AESGCM(key) for kid, key in keyring.items()}
        self.current_kid = next(iter(keyring))

    def encrypt(self, plaintext: str, associated: str) -> str:
        nonce = os.urandom(12)
        sealed = self._keys[self.current_kid].encrypt(
            nonce, plaintext.encode(), associated.encode()
        )
        return f"{self.current_kid}${base64.b64encode(nonce + sealed).decode()}"

    def decrypt(self, stored: str, associated: str) -> str:
        kid, sep, payload = stored.partition("$")
        aead = self._keys.get(kid)
        if not sep or aead is None:
            raise DecryptionError("unknown key id")
        try:
            raw = base64.b64decode(payload, validate=True)
            return aead.decrypt(raw[:12], raw[12:], associated.encode()).decode()
        except (InvalidTag, ValueError) as exc:
            raise DecryptionError("ciphertext failed authentication") from exc

    def key_id_of(self, stored: str) -> str:
        return stored.partition("$")[0]


def normalise_email(email: str) -> str:
    return email.strip().lower()


def blind_index(value: str, purpose: str = "email") -> str:
    """Keyed hash for exact-match lookup without decrypting anything."""
    secret = get_settings().blind_index_secret()
    return hmac.new(secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


_cipher: FieldCipher | None = None


def cipher() -> FieldCipher:
    global _cipher
    if _cipher is None:
        _cipher = FieldCipher(get_settings().encryption_keyring())
    return _cipher


def reset_cipher() -> None:
    global _cipher
    _cipher = None
