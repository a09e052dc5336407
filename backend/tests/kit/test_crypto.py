from __future__ import annotations

import base64
import os

import pytest
from pydantic import SecretStr

from shiftwise.config import Settings
from shiftwise.kit.crypto import DecryptionError, FieldCipher, blind_index


def _key() -> bytes:
    return os.urandom(32)


def test_round_trip_and_fresh_nonce_every_time() -> None:
    c = FieldCipher({"k1": _key()})
    sealed = {c.encrypt("+447700900123", "people:1:phone") for _ in range(2000)}
    assert len(sealed) == 2000
    assert all(c.decrypt(s, "people:1:phone") == "+447700900123" for s in list(sealed)[:10])


def test_tampering_fails_cleanly() -> None:
    c = FieldCipher({"k1": _key()})
    sealed = c.encrypt("sam@example.com", "people:1:email")
    kid, payload = sealed.split("$")
    raw = bytearray(base64.b64decode(payload))
    raw[-1] ^= 0x01
    with pytest.raises(DecryptionError):
        c.decrypt(f"{kid}${base64.b64encode(bytes(raw)).decode()}", "people:1:email")
    with pytest.raises(DecryptionError):
        c.decrypt("k1$not base64!!", "people:1:email")
    with pytest.raises(DecryptionError):
        c.decrypt("garbage", "people:1:email")


def test_ciphertext_is_bound_to_its_row() -> None:
    c = FieldCipher({"k1": _key()})
    sealed = c.encrypt("sam@example.com", "people:1:email")
    with pytest.raises(DecryptionError):
        c.decrypt(sealed, "people:2:email")


def test_rotation_new_key_encrypts_old_still_decrypts() -> None:
    old, new = _key(), _key()
    before = FieldCipher({"v1": old}).encrypt("x@example.com", "a")
    rotated = FieldCipher({"v2": new, "v1": old})
    assert rotated.decrypt(before, "a") == "x@example.com"
    after = rotated.encrypt("x@example.com", "a")
    assert rotated.key_id_of(after) == "v2"
    with pytest.raises(DecryptionError):
        FieldCipher({"v2": new}).decrypt(before, "a")


def test_blind_index_is_keyed_and_deterministic() -> None:
    assert blind_index("sam@example.com") == blind_index("sam@example.com")
    assert blind_index("sam@example.com") != blind_index("sam@example.org")
    assert "sam" not in blind_index("sam@example.com")


def test_keyring_from_settings() -> None:
    k1, k2 = base64.b64encode(_key()).decode(), base64.b64encode(_key()).decode()
    s = Settings(encryption_keys=SecretStr(f"new:{k2}, old:{k1}"))
    assert list(s.encryption_keyring()) == ["new", "old"]
    with pytest.raises(ValueError, match="kid:base64"):
        Settings(encryption_keys=SecretStr("broken")).encryption_keyring()


def test_production_refuses_default_secret() -> None:
    with pytest.raises(ValueError, match="SHIFTWISE_SECRET_KEY"):
        Settings(environment="production")
    key = base64.b64encode(_key()).decode()
    ok = Settings(
        environment="production",
        secret_key=SecretStr("a" * 40),
        encryption_keys=SecretStr(f"k1:{key}"),
        blind_index_key=SecretStr("b" * 40),
    )
    assert ok.environment == "production"
