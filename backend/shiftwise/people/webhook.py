"""A person's Teams webhook URL: where the Teams channel posts their messages.

Server-side request forgery guard: the server will POST to this URL, so it must be
https and may not name this machine or a private network — loopback, private
(RFC 1918, unique-local), link-local (cloud metadata at 169.254.169.254), carrier-grade
NAT, multicast, reserved or unspecified addresses, 'localhost' and single-label names
('redis', 'postgres': names only an internal resolver knows). IPv4 in the legacy
forms resolvers accept ('127.1', '0x7f000001', '2130706433') counts as the address it
is. Development mode (SHIFTWISE_ENVIRONMENT=development) allows http and local
targets, for fakes on a laptop.

Host names are not resolved when a person is saved: an answer then proves nothing
about the answer at sending time (DNS rebinding), and a save should not wait on DNS.
The sender checks the address it actually connects to with `check_resolved`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

MAX_LENGTH = 800  # its ciphertext fits people.teams_webhook_ciphertext (1200)

_CGNAT = ipaddress.ip_network("100.64.0.0/10")


class WebhookRefused(ValueError):
    """The URL may not be used; the message says why, for the person fixing it."""


def _literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if all(part.isalnum() for part in host.split(".")):
        try:  # inet_aton reads the legacy forms: 127.1, 0x7f.0.0.1, 2130706433
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def address_allowed(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT)
    )


def check_webhook_url(url: str, *, development: bool) -> str:
    """The URL as given when it may be used; WebhookRefused saying why otherwise."""
    if len(url) > MAX_LENGTH:
        raise WebhookRefused(f"at most {MAX_LENGTH} characters")
    if any(c.isspace() for c in url):
        raise WebhookRefused("may not contain spaces")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise WebhookRefused(f"is not a valid URL ({exc})") from exc
    allowed_schemes = {"https", "http"} if development else {"https"}
    if parts.scheme not in allowed_schemes:
        raise WebhookRefused("must be an https:// URL")
    if parts.username is not None or parts.password is not None:
        raise WebhookRefused("may not carry a user name or password")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise WebhookRefused("must name a host")
    if port == 0:
        raise WebhookRefused("must not use port 0")
    if development:
        return url
    ip = _literal_ip(host)
    if ip is not None:
        if not address_allowed(ip):
            raise WebhookRefused("may not point at a loopback, private or link-local address")
        return url
    if host == "localhost" or host.endswith(".localhost"):
        raise WebhookRefused("may not point at this machine")
    if "." not in host:
        raise WebhookRefused("must name a public host (a fully qualified domain name)")
    return url


async def check_resolved(url: str, *, development: bool) -> None:
    """At sending time: refuse when the host resolves to a refused address."""
    if development:
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, parts.port or 443, type=socket.SOCK_STREAM
    )
    for info in infos:
        if not address_allowed(ipaddress.ip_address(info[4][0])):
            raise WebhookRefused(f"{host} resolves to a refused address")
