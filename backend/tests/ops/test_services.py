"""Under CI a missing service is a failure, never a skip."""

from __future__ import annotations

import os

import pytest
import redis

REDIS_URL = os.environ.get("SHIFTWISE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def test_redis_answers() -> None:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3, socket_timeout=3)
    try:
        assert client.ping() is True
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required under CI=true and did not answer at {REDIS_URL}: {exc}")
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    finally:
        client.close()
