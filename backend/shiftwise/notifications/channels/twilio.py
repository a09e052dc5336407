"""SMS through Twilio's Programmable Messaging API, and its status-callback signature.

Twilio's Messages API has no idempotency key. When a try's outcome is unknown (the
worker died after calling), `find_sent` asks Twilio for a message with the same
sender, recipient and body created since the try began, so the retry records that
message instead of sending a second one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx

from shiftwise.notifications.channels.base import Receipt, Refused, Rendered, Transient
from shiftwise.notifications.channels.http import post

# Codes that blame the number, in our words: Twilio's own messages quote the number,
# and errors are stored and logged, so they are never kept.
REFUSING_CODES = {
    21211: "invalid 'To' number",
    21214: "'To' number cannot be reached",
    21217: "'To' number is not valid for this region",
    21610: "recipient unsubscribed (replied STOP)",
    21612: "cannot route to this number",
    21614: "'To' number is not a mobile number",
}


class TwilioSender:
    channel = "sms"
    provider = "twilio"

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        account_sid: str,
        auth_token: str,
        from_number: str,
        base_url: str,
        status_callback: str | None,
    ) -> None:
        self.client = client
        self.auth = (account_sid, auth_token)
        self.url = f"{base_url.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
        self.from_number = from_number
        self.status_callback = status_callback

    async def send(self, message: Rendered, address: str, key: str) -> Receipt:
        form = {"To": address, "From": self.from_number, "Body": message.sms[:1600]}
        if self.status_callback:
            form["StatusCallback"] = self.status_callback
        response = await post(self.client, self.url, self.provider, data=form, auth=self.auth)
        if response.status_code in (200, 201):
            body = response.json()
            return Receipt(str(body["sid"]), str(body.get("status") or "queued"))
        code = _error_code(response)
        if code in REFUSING_CODES:
            raise Refused(f"twilio {code}: {REFUSING_CODES[code]}")
        raise Transient(f"twilio: HTTP {response.status_code} code {code}")

    async def find_sent(self, message: Rendered, address: str, since: datetime) -> Receipt | None:
        """A message this sender already gave Twilio for this delivery, if any."""
        params = {"To": address, "From": self.from_number, "DateSent>": since.date().isoformat()}
        try:
            response = await self.client.get(self.url, params=params, auth=self.auth)
        except httpx.HTTPError as exc:
            raise Transient(f"twilio: {type(exc).__name__}") from None
        if response.status_code != 200:
            raise Transient(f"twilio: listing messages: HTTP {response.status_code}")
        body = message.sms[:1600]
        # Twilio stamps whole seconds; allow for the clocks disagreeing a little.
        earliest = since - timedelta(seconds=30)
        for found in response.json().get("messages") or []:
            created = found.get("date_created")
            if found.get("body") != body or not created:
                continue
            if parsedate_to_datetime(created) >= earliest:
                return Receipt(str(found["sid"]), str(found.get("status") or "queued"))
        return None


def _error_code(response: httpx.Response) -> int | None:
    try:
        code = response.json().get("code")
        return int(code) if code is not None else None
    except (ValueError, TypeError, AttributeError):
        return None


def twilio_signature(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """Base64 HMAC-SHA1 over the full URL followed by each POST parameter, sorted by name."""
    data = url + "".join(f"{name}{params[name]}" for name in sorted(params))
    digest = hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def valid_twilio_signature(
    auth_token: str, url: str, params: Mapping[str, str], signature: str
) -> bool:
    expected = twilio_signature(auth_token, url, params)
    return hmac.compare_digest(expected.encode(), signature.encode())
