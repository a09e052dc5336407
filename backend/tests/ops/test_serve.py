"""`shiftwise migrate` and `shiftwise serve` as real processes on a temporary SQLite file."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _command() -> list[str]:
    script = Path(sys.executable).with_name("shiftwise")
    return [str(script)] if script.exists() else [sys.executable, "-m", "shiftwise.cli"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_answers_then_shuts_down_cleanly(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SHIFTWISE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'serve.db'}",
        "SHIFTWISE_ENVIRONMENT": "test",
        "SHIFTWISE_LOG_LEVEL": "INFO",
    }
    migrated = subprocess.run(
        [*_command(), "migrate"], env=env, capture_output=True, text=True, timeout=120
    )
    assert migrated.returncode == 0, migrated.stderr
    assert (tmp_path / "serve.db").exists()

    port = free_port()
    server = subprocess.Popen(
        [*_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        health = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None, f"server never answered: {server.poll()}"
        assert health.json() == {"status": "ok"}
        ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
        assert ready.status_code == 200
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            _, stderr = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()
            raise
    # uvicorn finishes its graceful shutdown, then re-raises the signal it caught.
    assert server.returncode in {0, -signal.SIGTERM}, stderr
    assert "Application shutdown complete" in stderr
    assert "Traceback" not in stderr
