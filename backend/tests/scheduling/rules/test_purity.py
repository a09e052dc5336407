"""The rule engine stays pure: importing all of it pulls in no ORM or web framework."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import shiftwise.scheduling.rules as package

FORBIDDEN = ("sqlalchemy", "fastapi", "starlette", "pydantic")


def test_no_module_of_the_package_imports_sqlalchemy_or_fastapi() -> None:
    modules = [package.__name__] + [
        m.name for m in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
    ]
    assert len(modules) > 5
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    loaded = json.loads(out)
    offenders = [m for m in loaded if m.split(".")[0] in FORBIDDEN]
    assert offenders == []
    assert set(modules) <= set(loaded)
