"""Microsoft Teams: an Adaptive Card posted to the person's Workflows webhook.

The webhook URL carries its own secret (`sig=`), so it is kept encrypted and never
appears in errors or logs. Any 2xx is accepted (202 usually); a 4xx other than 429
means the flow is gone or refuses us: the contact is failing until it is replaced.
"""

from __future__ import annotations

import httpx

from shiftwise.notifications.channels.base import Receipt, Refused, Rendered
from shiftwise.notifications.channels.http import post

MAX_BYTES = 28_000  # Teams refuses messages over ~28 KB


class TeamsSender:
    channel = "teams"
    provider = "teams_workflows"

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def send(self, message: Rendered, address: str, key: str) -> Receipt:
        envelope = {
            "type": "message",
            "attachments": [
                {
                    "contentType": "application/vnd.microsoft.card.adaptive",
                    "contentUrl": None,
                    "content": message.card,
                }
            ],
        }
        response = await post(self.client, address, self.provider, json=envelope)
        if 200 <= response.status_code < 300:
            return Receipt(None, "accepted")
        raise Refused(f"teams workflow: HTTP {response.status_code}")
