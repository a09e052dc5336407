"""Microsoft Teams: an Adaptive Card posted to the person's Workflows webhook.

The webhook URL carries its own secret (`sig=`), so it is kept encrypted and never
appears in errors or logs. Any 2xx is accepted (202 usually). 404/410 (the flow was
deleted) and 401/403 (its signature no longer holds) are the webhook's fault: the
contact is failing until it is replaced. Other 4xx (a card Teams rejects, too large)
are ours, retried and then dead, without blaming the person's webhook.
"""

from __future__ import annotations

import httpx

from shiftwise.notifications.channels.base import Receipt, Refused, Rendered, Transient
from shiftwise.notifications.channels.http import post

WEBHOOK_GONE = frozenset({401, 403, 404, 410})


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
        if response.status_code in WEBHOOK_GONE:
            raise Refused(f"teams workflow: HTTP {response.status_code}")
        raise Transient(f"teams workflow: HTTP {response.status_code}")
