"""Notification delivery operations (rows added with their endpoints)."""

from __future__ import annotations

from tests.authz.matrix import Row

ROWS: list[Row] = []
