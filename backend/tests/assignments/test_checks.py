"""The judging half of the checker is pure: facts in, violations out."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from shiftwise.assignments.checks import Facts, Overlap, _judge
from tests.assignments.helpers import at

BASE = Facts(
    person_id=uuid.uuid4(),
    person_active=True,
    shift_id=uuid.uuid4(),
    starts_at=at(0),
    ends_at=at(8),
    local_date=date(2030, 3, 4),
    required_skill_id=uuid.uuid4(),
    holds_skill=True,
    skill_expires_date=None,
    overlaps=(),
)


def test_a_clean_assignment_has_no_violations() -> None:
    assert _judge(BASE) == []
    assert _judge(replace(BASE, required_skill_id=None, holds_skill=False)) == []


def test_skill_valid_through_its_expiry_day() -> None:
    assert _judge(replace(BASE, skill_expires_date=date(2030, 3, 4))) == []
    [v] = _judge(replace(BASE, skill_expires_date=date(2030, 3, 3)))
    assert (v.rule, v.severity) == ("skill", "hard")
    [v] = _judge(replace(BASE, holds_skill=False))
    assert v.rule == "skill"


def test_every_overlap_and_inactivity_is_reported() -> None:
    overlaps = tuple(Overlap(uuid.uuid4(), uuid.uuid4(), at(i), at(i + 4)) for i in (1, 2))
    found = _judge(replace(BASE, person_active=False, overlaps=overlaps))
    assert [v.rule for v in found] == ["person_inactive", "overlap", "overlap"]
    assert all(v.severity == "hard" for v in found)
