"""A fake Teams Workflows webhook: validates the Adaptive Card envelope as the flow's
default template does, refuses unknown flows (deleted) with 404, answers 202."""

from __future__ import annotations

import secrets
import threading
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from tests.fakes.faults import Faults

MAX_BYTES = 28_672


class FakeTeams:
    def __init__(self) -> None:
        self.flows: set[str] = set()
        self.cards: dict[str, list[dict[str, Any]]] = {}
        self.faults = Faults()
        self._lock = threading.Lock()
        self.app = FastAPI()
        self.app.post("/workflows/{flow_id}/triggers/manual/paths/invoke")(self._invoke)

    def new_flow(self, base_url: str) -> str:
        """A webhook URL (with its `sig` secret) for a new flow."""
        flow_id = secrets.token_hex(8)
        with self._lock:
            self.flows.add(flow_id)
            self.cards[flow_id] = []
        return (
            f"{base_url}/workflows/{flow_id}/triggers/manual/paths/invoke"
            f"?api-version=1&sig={secrets.token_urlsafe(16)}"
        )

    def received(self, url: str) -> list[dict[str, Any]]:
        flow_id = url.split("/workflows/")[1].split("/")[0]
        with self._lock:
            return list(self.cards.get(flow_id, []))

    async def _invoke(self, flow_id: str, request: Request) -> Response:
        if flow_id not in self.flows or "sig" not in request.query_params:
            return JSONResponse({"error": {"code": "WorkflowNotFound"}}, status_code=404)
        fault = self.faults.take()
        if fault is not None:
            return fault
        raw = await request.body()
        if len(raw) > MAX_BYTES:
            return JSONResponse({"error": {"code": "MessageSizeExceeded"}}, status_code=413)
        body = await request.json()
        problem = _validate(body)
        if problem:
            return JSONResponse(
                {"error": {"code": "InvalidBotAdaptiveCard", "message": problem}}, 400
            )
        with self._lock:
            self.cards[flow_id].append(body["attachments"][0]["content"])
        return Response(status_code=202)


def _validate(body: Any) -> str | None:
    if not isinstance(body, dict) or body.get("type") != "message":
        return "Property 'type' must be 'message'"
    attachments = body.get("attachments")
    if not isinstance(attachments, list) or not attachments:
        return "attachments are required"
    for a in attachments:
        if a.get("contentType") != "application/vnd.microsoft.card.adaptive":
            return "contentType must be application/vnd.microsoft.card.adaptive"
        card = a.get("content") or {}
        if card.get("type") != "AdaptiveCard":
            return "Property 'type' must be 'AdaptiveCard'"
        major, _, minor = str(card.get("version", "")).partition(".")
        if not major.isdigit() or (int(major), int(minor or 0)) > (1, 4):
            return "card versions above 1.4 are not supported"
        if not isinstance(card.get("body"), list):
            return "card body must be a list"
    return None
