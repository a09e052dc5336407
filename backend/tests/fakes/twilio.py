"""A fake Twilio Messages API: Basic auth, form bodies, E.164 and magic-number refusals,
message listing with Twilio's filters, and correctly signed status callbacks."""

from __future__ import annotations

import asyncio
import re
import threading
import uuid
from datetime import UTC, date, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from shiftwise.notifications.channels.twilio import twilio_signature
from tests.fakes.faults import Faults

E164 = re.compile(r"\+[1-9]\d{1,14}")
# Twilio's documented test numbers: invalid, not SMS-capable, blocked (replied STOP).
MAGIC = {"+15005550001": 21211, "+15005550009": 21614, "+15005550004": 21610}


class FakeTwilio:
    def __init__(self, account_sid: str = "AC" + "0" * 32, auth_token: str = "fake-token") -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.messages: list[dict[str, Any]] = []
        self.faults = Faults()
        # While set, a message is recorded (accepted) but the response is held back: the
        # moment a caller dies "after the provider accepted, before it heard so".
        self.released = threading.Event()
        self.released.set()
        self._lock = threading.Lock()
        self.app = FastAPI()
        path = "/2010-04-01/Accounts/{account_sid}/Messages.json"
        self.app.post(path)(self._create)
        self.app.get(path)(self._list)

    def to(self, number: str) -> list[dict[str, Any]]:
        with self._lock:
            return [m for m in self.messages if m["to"] == number]

    def _authorised(self, request: Request, account_sid: str) -> bool:
        import base64

        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return (
            account_sid == self.account_sid
            and request.headers.get("authorization") == f"Basic {expected}"
        )

    async def _create(self, account_sid: str, request: Request) -> Response:
        if not self._authorised(request, account_sid):
            return _error(401, 20003, "Authenticate")
        fault = self.faults.take()
        if fault is not None:
            return fault
        form = dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))
        to, body = form.get("To", ""), form.get("Body", "")
        if not E164.fullmatch(to) or to in MAGIC:
            code = MAGIC.get(to, 21211)
            return _error(400, code, f"The 'To' number {to} is not valid.")
        if not body or len(body) > 1600:
            return _error(400, 21602, "Message body is required.")
        now = datetime.now(UTC)
        message = {
            "sid": "SM" + uuid.uuid4().hex,
            "account_sid": account_sid,
            "to": to,
            "from": form.get("From"),
            "body": body,
            "status": "queued",
            "num_segments": str(len(body) // 153 + 1),
            "date_created": format_datetime(now),
            "date_sent": None,
            "error_code": None,
            "error_message": None,
            "status_callback": form.get("StatusCallback"),
            "_created": now,
        }
        with self._lock:
            self.messages.append(message)
        if not self.released.is_set():
            await asyncio.to_thread(self.released.wait)
        return JSONResponse(_public(message), status_code=201)

    async def _list(self, account_sid: str, request: Request) -> Response:
        if not self._authorised(request, account_sid):
            return _error(401, 20003, "Authenticate")
        q = request.query_params
        since = date.fromisoformat(q["DateSent>"]) if "DateSent>" in q else None
        with self._lock:
            found = [
                _public(m)
                for m in reversed(self.messages)
                if (not q.get("To") or m["to"] == q["To"])
                and (not q.get("From") or m["from"] == q["From"])
                and (since is None or m["_created"].date() >= since)
            ]
        return JSONResponse({"messages": found, "page": 0, "page_size": 50})

    def callback(
        self, sid: str, status: str, url: str, error_code: str | None = None
    ) -> tuple[dict[str, str], str]:
        """The form Twilio would POST to `url` for this status, and its signature."""
        with self._lock:
            message = next(m for m in self.messages if m["sid"] == sid)
        params = {
            "MessageSid": sid,
            "SmsSid": sid,
            "MessageStatus": status,
            "SmsStatus": status,
            "AccountSid": self.account_sid,
            "To": message["to"],
            "From": message["from"] or "",
            "ApiVersion": "2010-04-01",
        }
        if error_code is not None:
            params["ErrorCode"] = error_code
        return params, twilio_signature(self.auth_token, url, params)


def _public(message: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in message.items() if not k.startswith("_")}


def _error(status: int, code: int, message: str) -> JSONResponse:
    return JSONResponse(
        {
            "code": code,
            "message": message,
            "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status,
        },
        status_code=status,
    )
