"""A fake SendGrid v3 Mail Send API: the real path, auth, validation, 202 + X-Message-Id."""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from tests.fakes.faults import Faults


class FakeSendGrid:
    def __init__(self, api_key: str = "SG.fake-key") -> None:
        self.api_key = api_key
        self.messages: list[dict[str, Any]] = []
        self.faults = Faults()
        self._lock = threading.Lock()
        self.app = FastAPI()
        self.app.post("/v3/mail/send")(self._send)
        # The Signed Event Webhook's key pair: SendGrid keeps the private half.
        self._signing_key = ec.generate_private_key(ec.SECP256R1())
        self.public_key = base64.b64encode(
            self._signing_key.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        ).decode()

    def events(self, message_id: str, *events: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
        """An Event Webhook POST body for this message, and its signature headers."""
        now = int(time.time())
        body = json.dumps(
            [
                {
                    "sg_message_id": f"{message_id}.filterdrecv-1-2-3",
                    "sg_event_id": uuid.uuid4().hex,
                    "timestamp": now,
                    **e,
                }
                for e in events
            ]
        ).encode()
        stamp = str(now)
        signature = self._signing_key.sign(stamp.encode() + body, ec.ECDSA(hashes.SHA256()))
        return body, {
            "Content-Type": "application/json",
            "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
            "X-Twilio-Email-Event-Webhook-Timestamp": stamp,
        }

    def to(self, address: str) -> list[dict[str, Any]]:
        with self._lock:
            return [
                m
                for m in self.messages
                if any(t["email"] == address for p in m["personalizations"] for t in p["to"])
            ]

    async def _send(self, request: Request) -> Response:
        if request.headers.get("authorization") != f"Bearer {self.api_key}":
            return _errors(401, "The provided authorization grant is invalid.", None)
        fault = self.faults.take()
        if fault is not None:
            return fault
        body = await request.json()
        problem = _validate(body)
        if problem is not None:
            return _errors(400, *problem)
        message_id = uuid.uuid4().hex[:22]
        with self._lock:
            self.messages.append(body | {"x_message_id": message_id})
        return Response(status_code=202, headers={"X-Message-Id": message_id})


def _validate(body: Any) -> tuple[str, str] | None:
    if not isinstance(body, dict):
        return "Bad Request", ""
    personalizations = body.get("personalizations")
    if not personalizations or not all(p.get("to") for p in personalizations):
        return "The personalizations field is required.", "personalizations"
    if not (body.get("from") or {}).get("email"):
        return "The from object must be provided.", "from.email"
    if not body.get("subject") and not all(p.get("subject") for p in personalizations):
        return "The subject is required.", "subject"
    content = body.get("content") or []
    if not content:
        return "Unless a valid template_id is provided, content is required.", "content"
    if content[0].get("type") != "text/plain" and any(c["type"] == "text/plain" for c in content):
        return "If present, text/plain content must be first.", "content"
    return None


def _errors(status: int, message: str, field: str | None) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": message, "field": field, "help": None}]}, status_code=status
    )
