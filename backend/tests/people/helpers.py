"""Payloads and small helpers shared by the people tests."""

from __future__ import annotations

from typing import Any


def person_payload(**overrides: Any) -> dict[str, Any]:
    return {
        "display_name": "Pat Example",
        "email": "pat@example.com",
        "phone": "+447700900123",
        "employment_type": "part_time",
        "hourly_rate": "17.25",
        "contracted_hours_per_week": "20",
        "max_hours_per_week": "30",
    } | overrides


def fields_of(body: dict[str, Any]) -> list[str]:
    return [f["field"] for f in body.get("fields", [])]
