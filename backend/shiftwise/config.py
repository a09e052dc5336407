"""Settings, read from SHIFTWISE_* environment variables (and a .env file if present)."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "insecure-development-secret-change-me"
PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SHIFTWISE_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'shiftwise.db'}"
    redis_url: str | None = None
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET)
    # "kid:base64key" pairs separated by commas; the first encrypts, all decrypt.
    encryption_keys: SecretStr | None = None
    blind_index_key: SecretStr | None = None

    session_cookie_name: str = "shiftwise_session"
    csrf_cookie_name: str = "shiftwise_csrf"
    cookie_secure: bool = False
    session_idle_minutes: int = 60 * 12
    session_absolute_hours: int = 24 * 7

    login_max_failures: int = 5
    login_failure_window_seconds: int = 900
    login_ip_max_failures: int = 50

    max_body_bytes: int = 1_048_576
    log_level: str = "INFO"
    log_json: bool = True
    static_dir: Path | None = Field(default=PROJECT_ROOT / "frontend" / "dist")
    # Comma-separated origins that may make credentialed state-changing requests.
    trusted_origins: str = ""
    # The address people reach the server at (calendar feed URLs); else the request's.
    public_url: str | None = None

    # Jobs (shiftwise/worker). The embedded worker runs inside `serve` when no Redis is
    # configured; None means "on, except in the test environment" (tests start it).
    worker_embedded: bool | None = None
    worker_threads: int = Field(default=4, ge=1, le=64)
    # Extra modules whose actors the worker loads (comma-separated dotted names).
    worker_imports: str = ""
    relay_poll_seconds: float = Field(default=0.5, gt=0)
    relay_batch_size: int = Field(default=200, ge=1, le=5000)
    # Dispatched but neither done nor held by a live worker for this long: hand on again.
    relay_visibility_seconds: float = Field(default=300, gt=0)
    job_max_attempts: int = Field(default=8, ge=1)
    job_backoff_seconds: float = Field(default=10, ge=0)
    job_backoff_max_seconds: float = Field(default=3600, ge=0)
    scheduler_tick_seconds: float = Field(default=15, gt=0)
    outbox_retention_days: int = Field(default=30, ge=1)
    calendar_past_days: int = Field(default=30, ge=0)

    # Notification channels (shiftwise/notifications/channels). A channel with no
    # configuration is off: its deliveries are recorded as skipped, with the reason.
    # Several messages for one person and channel within this window go out as one.
    notify_group_window_seconds: float = Field(default=60, ge=0)
    notify_from_email: str = "shiftwise@localhost"
    notify_from_name: str = "Shiftwise"
    notify_http_timeout_seconds: float = Field(default=10, gt=0)
    # Email: SendGrid when an API key is set, else SMTP when a host is set, else off.
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    sendgrid_api_key: SecretStr | None = None
    sendgrid_base_url: str = "https://api.sendgrid.com"
    # The Signed Event Webhook's verification key (base64 DER, from SendGrid's settings):
    # bounce and delivery events are accepted only when it is set and the signature holds.
    sendgrid_webhook_public_key: str | None = None
    # SMS: on when the account, token and sender are all set.
    twilio_account_sid: str | None = None
    twilio_auth_token: SecretStr | None = None
    twilio_from_number: str | None = None
    twilio_base_url: str = "https://api.twilio.com"
    # Teams: each person's own Workflows webhook URL; this switches the channel on.
    teams_enabled: bool = False

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.environment == "production":
            if self.secret_key.get_secret_value() == DEFAULT_SECRET:
                raise ValueError("SHIFTWISE_SECRET_KEY must be set in production")
            if self.encryption_keys is None or self.blind_index_key is None:
                raise ValueError(
                    "SHIFTWISE_ENCRYPTION_KEYS and SHIFTWISE_BLIND_INDEX_KEY "
                    "must be set in production"
                )
            if len(self.secret_key.get_secret_value()) < 32:
                raise ValueError("SHIFTWISE_SECRET_KEY must be at least 32 characters")
        return self

    @property
    def runs_embedded_worker(self) -> bool:
        if self.worker_embedded is not None:
            return self.worker_embedded
        return self.redis_url is None and self.environment != "test"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def _derived(self, purpose: str) -> bytes:
        return hashlib.sha256(f"{purpose}:{self.secret_key.get_secret_value()}".encode()).digest()

    def encryption_keyring(self) -> dict[str, bytes]:
        """Key id → 256-bit key; the first entry is the one new data is encrypted with."""
        if self.encryption_keys is None:
            return {"dev1": self._derived("encryption")}
        keys: dict[str, bytes] = {}
        for item in self.encryption_keys.get_secret_value().split(","):
            kid, _, encoded = item.strip().partition(":")
            key = base64.b64decode(encoded)
            if not kid or len(key) != 32:
                raise ValueError(
                    "each SHIFTWISE_ENCRYPTION_KEYS entry must be kid:base64(32 bytes)"
                )
            keys[kid] = key
        return keys

    def blind_index_secret(self) -> bytes:
        if self.blind_index_key is None:
            return self._derived("blind-index")
        return self.blind_index_key.get_secret_value().encode()


@lru_cache
def get_settings() -> Settings:
    return Settings()
