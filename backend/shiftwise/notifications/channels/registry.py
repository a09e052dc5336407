"""Which sender serves each channel, from settings: none when a channel is off.

Email: SendGrid when its API key is set, else SMTP when a host is set. SMS: Twilio
when account, token and sender number are set. Teams: when SHIFTWISE_TEAMS_ENABLED.
"""

from __future__ import annotations

import httpx

from shiftwise.config import Settings
from shiftwise.notifications.channels.base import Sender
from shiftwise.notifications.channels.sendgrid import SendGridSender
from shiftwise.notifications.channels.smtp import SmtpSender
from shiftwise.notifications.channels.teams import TeamsSender
from shiftwise.notifications.channels.twilio import TwilioSender
from shiftwise.notifications.preferences import Channel

TWILIO_STATUS_PATH = "/api/v1/integrations/twilio/status"


def off_reason(settings: Settings, channel: Channel) -> str | None:
    """Why a channel is off (None: it is on)."""
    if channel is Channel.email and not (settings.sendgrid_api_key or settings.smtp_host):
        return "email is not configured (SHIFTWISE_SENDGRID_API_KEY or SHIFTWISE_SMTP_HOST)"
    if channel is Channel.sms and not (
        settings.twilio_account_sid and settings.twilio_auth_token and settings.twilio_from_number
    ):
        return "SMS is not configured (SHIFTWISE_TWILIO_*)"
    if channel is Channel.teams and not settings.teams_enabled:
        return "Teams is switched off (SHIFTWISE_TEAMS_ENABLED)"
    return None


def build_sender(settings: Settings, channel: Channel, client: httpx.AsyncClient) -> Sender | None:
    if off_reason(settings, channel) is not None:
        return None
    if channel is Channel.email:
        if settings.sendgrid_api_key is not None:
            return SendGridSender(
                client,
                api_key=settings.sendgrid_api_key.get_secret_value(),
                base_url=settings.sendgrid_base_url,
                from_email=settings.notify_from_email,
                from_name=settings.notify_from_name,
            )
        assert settings.smtp_host is not None
        return SmtpSender(
            host=settings.smtp_host,
            port=settings.smtp_port,
            from_email=settings.notify_from_email,
            from_name=settings.notify_from_name,
            username=settings.smtp_username,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
            starttls=settings.smtp_starttls,
            timeout=settings.notify_http_timeout_seconds,
        )
    if channel is Channel.sms:
        assert settings.twilio_account_sid
        assert settings.twilio_auth_token
        assert settings.twilio_from_number
        callback = (
            settings.public_url.rstrip("/") + TWILIO_STATUS_PATH if settings.public_url else None
        )
        return TwilioSender(
            client,
            account_sid=settings.twilio_account_sid,
            auth_token=settings.twilio_auth_token.get_secret_value(),
            from_number=settings.twilio_from_number,
            base_url=settings.twilio_base_url,
            status_callback=callback,
        )
    if channel is Channel.teams:
        return TeamsSender(client)
    return None
