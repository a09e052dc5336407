"""Email over plain SMTP (optionally STARTTLS and login), for self-hosted mail relays.

The Message-ID is derived from the delivery's idempotency key, so a message sent
again after a crash is recognisably the same message to the receiving side.
"""

from __future__ import annotations

import asyncio
import hashlib
import smtplib
from email.message import EmailMessage
from email.utils import formataddr

from shiftwise.notifications.channels.base import Receipt, Refused, Rendered, Transient


class SmtpSender:
    channel = "email"
    provider = "smtp"

    def __init__(
        self,
        *,
        host: str,
        port: int,
        from_email: str,
        from_name: str,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = False,
        timeout: float = 10,
    ) -> None:
        self.host, self.port = host, port
        self.from_email, self.from_name = from_email, from_name
        self.username, self.password = username, password
        self.starttls = starttls
        self.timeout = timeout

    def message_id(self, key: str) -> str:
        digest = hashlib.sha256(key.encode()).hexdigest()[:32]
        domain = self.from_email.rpartition("@")[2] or "shiftwise.local"
        return f"<{digest}@{domain}>"

    async def send(self, message: Rendered, address: str, key: str) -> Receipt:
        email = EmailMessage()
        email["From"] = formataddr((self.from_name, self.from_email))
        email["To"] = address
        email["Subject"] = message.subject
        email["Message-ID"] = self.message_id(key)
        email["X-Shiftwise-Delivery"] = key
        email.set_content(message.text)
        email.add_alternative(message.html, subtype="html")
        await asyncio.to_thread(self._send, email, address)
        return Receipt(email["Message-ID"], "accepted")

    def _send(self, email: EmailMessage, address: str) -> None:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.username and self.password:
                    smtp.login(self.username, self.password)
                smtp.send_message(email, from_addr=self.from_email, to_addrs=[address])
        except smtplib.SMTPRecipientsRefused as exc:
            code = next(iter(exc.recipients.values()))[0]
            if 500 <= code < 600:
                raise Refused(f"smtp: recipient refused ({code})") from None
            raise Transient(f"smtp: recipient deferred ({code})") from None
        except smtplib.SMTPResponseException as exc:
            raise Transient(f"smtp: {exc.smtp_code}") from None
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            raise Transient(f"smtp: {type(exc).__name__}") from None
