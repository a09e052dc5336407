"""Requests write to the outbox; only shiftwise/worker/ knows there is a broker."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "shiftwise"
BROKER_SIDE = ("shiftwise.worker.broker", "shiftwise.worker.relay", "shiftwise.worker.executor")


def imported_names(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
    return names


def test_no_module_outside_the_worker_imports_dramatiq_or_the_broker() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] != "worker"
        for name in imported_names(path)
        if name.split(".")[0] == "dramatiq" or name.startswith(BROKER_SIDE)
    ]
    assert offenders == []


def test_the_check_would_notice_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import dramatiq\nfrom shiftwise.worker.broker import build_broker\n")
    assert imported_names(bad) == [
        "dramatiq",
        "shiftwise.worker.broker",
        "shiftwise.worker.broker.build_broker",
    ]


def test_the_worker_loads_every_domain_tasks_module() -> None:
    from shiftwise.worker.actors import load_actors, task_modules

    expected = sorted(f"shiftwise.{p.parent.name}.tasks" for p in PACKAGE.glob("*/tasks.py"))
    assert task_modules() == expected
    actors = load_actors()
    assert {"notifications.deliver", "outbox.purge"} <= set(actors)
