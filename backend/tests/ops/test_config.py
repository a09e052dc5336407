"""Production refuses unsafe settings; development runs with embedded defaults."""

from __future__ import annotations

import base64

import pytest
from pydantic import ValidationError

from shiftwise.config import DEFAULT_SECRET, Settings

KEY = base64.b64encode(b"k" * 32).decode()
STRONG = "s" * 48


def test_production_refuses_the_default_secret() -> None:
    with pytest.raises(ValidationError, match="SHIFTWISE_SECRET_KEY must be set"):
        Settings(
            environment="production",
            secret_key=DEFAULT_SECRET,
            encryption_keys=f"k1:{KEY}",
            blind_index_key="b" * 32,
        )


def test_production_refuses_a_short_secret() -> None:
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(
            environment="production",
            secret_key="short-but-not-default",
            encryption_keys=f"k1:{KEY}",
            blind_index_key="b" * 32,
        )


def test_production_needs_encryption_and_blind_index_keys() -> None:
    with pytest.raises(ValidationError, match="SHIFTWISE_ENCRYPTION_KEYS"):
        Settings(environment="production", secret_key=STRONG)


def test_production_accepts_complete_settings() -> None:
    settings = Settings(
        environment="production",
        secret_key=STRONG,
        encryption_keys=f"k2:{KEY},k1:{base64.b64encode(b'o' * 32).decode()}",
        blind_index_key="b" * 32,
    )
    assert list(settings.encryption_keyring()) == ["k2", "k1"]


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHIFTWISE_ENVIRONMENT", "production")
    monkeypatch.setenv("SHIFTWISE_SECRET_KEY", DEFAULT_SECRET)
    with pytest.raises(ValidationError):
        Settings()


def test_development_defaults_to_an_embedded_sqlite_database() -> None:
    settings = Settings(environment="development")
    assert settings.is_sqlite
    assert settings.database_url.endswith("/var/shiftwise.db")


def test_malformed_encryption_keys_are_refused() -> None:
    settings = Settings(encryption_keys="nokey")
    with pytest.raises(ValueError, match="kid:base64"):
        settings.encryption_keyring()
