from __future__ import annotations

from typing import Any

import pytest

from shiftwise.schedule import grid
from tests.schedule.helpers import Judged


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> Judged:
    """The ids of the people each grid build judged (a build that judges nobody adds
    none)."""
    seen: Judged = []
    real = grid._judge

    async def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append({p.id for p in args[6]})
        return await real(*args, **kwargs)

    monkeypatch.setattr(grid, "_judge", spy)
    return seen
