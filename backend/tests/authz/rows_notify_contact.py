"""Where to reach me (/me/contact): a person's own contact details, so only people."""

from __future__ import annotations

from tests.authz.matrix import Expect, Row, row, static

# The world's admins and coordinators have no person profile: they are reached at their
# sign-in address and have nothing to set here.
PEOPLE_ONLY = Expect(staff=200, coordinator=403, foreign_admin=403, admin=403)

ROWS: list[Row] = [
    row("GET", "/api/v1/me/contact", static("/api/v1/me/contact"), PEOPLE_ONLY),
    row(
        "PATCH",
        "/api/v1/me/contact",
        static("/api/v1/me/contact", {"phone": "+447700900123"}),
        PEOPLE_ONLY,
    ),
]
