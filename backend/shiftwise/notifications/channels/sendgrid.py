"""Email through SendGrid's v3 Mail Send API.

The delivery's idempotency key travels in `custom_args`, so the provider's event
webhook (and anyone reading its activity feed) can tell a repeated send of one
delivery from two deliveries. SendGrid does not deduplicate on it.
"""

from __future__ import annotations

import httpx

from shiftwise.notifications.channels.base import Receipt, Rendered, Transient
from shiftwise.notifications.channels.http import post


class SendGridSender:
    channel = "email"
    provider = "sendgrid"

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        api_key: str,
        base_url: str,
        from_email: str,
        from_name: str,
    ) -> None:
        self.client = client
        self.api_key = api_key
        self.url = base_url.rstrip("/") + "/v3/mail/send"
        self.sender = {"email": from_email, "name": from_name}

    async def send(self, message: Rendered, address: str, key: str) -> Receipt:
        body = {
            "personalizations": [{"to": [{"email": address}], "custom_args": {"delivery": key}}],
            "from": self.sender,
            "subject": message.subject,
            "content": [
                {"type": "text/plain", "value": message.text},
                {"type": "text/html", "value": message.html},
            ],
        }
        response = await post(
            self.client,
            self.url,
            self.provider,
            json=body,
            headers={"Authorization": f"Bearer {self.api_key}"},
        )
        if response.status_code in (200, 202):
            return Receipt(response.headers.get("X-Message-Id"), "accepted")
        # 400 (our request), 401/403 (credentials), 413: not the address's fault.
        raise Transient(f"sendgrid: HTTP {response.status_code}{_error_field(response)}")


def _error_field(response: httpx.Response) -> str:
    """The field SendGrid objects to; not its message, which may quote the address."""
    try:
        errors = response.json().get("errors") or []
        field = errors[0].get("field") if errors else None
    except (ValueError, TypeError, AttributeError):
        return ""
    return f" (field {str(field)[:100]})" if field else ""
