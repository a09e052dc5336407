"""Turning events into words: subject, plain text, HTML, SMS and an Adaptive Card.

Times are shown in the recipient's zone (their preference, else their home
location's, else the organisation's), named in the message so no one guesses.
Several events for one person become one message listing them. Templates are
plain strings; everything interpolated into HTML is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from string import Template
from typing import Any
from zoneinfo import ZoneInfo

from shiftwise.notifications.channels.base import Rendered
from shiftwise.notifications.preferences import MessageKind


@dataclass(frozen=True)
class Item:
    """One event as a recipient sees it."""

    kind: MessageKind
    topic: str
    payload: Mapping[str, Any]


_TITLES: Mapping[MessageKind, str] = {
    MessageKind.assigned: "You have a new shift",
    MessageKind.changed: "Your shift has changed",
    MessageKind.cancelled: "Your shift is cancelled",
    MessageKind.published: "Your schedule is published",
    MessageKind.open_shift: "An open shift you can take",
    MessageKind.request_decided: "Your shift request was $state",
    MessageKind.request_received: "A colleague asks you to take a shift",
    MessageKind.time_off_decided: "Your time off request was $state",
    MessageKind.reminder: "Your shift starts soon",
    MessageKind.unfilled_shift: "A shift has an open seat",
    MessageKind.request_waiting: "A request waits for your decision",
}
_TOPIC_TITLES: Mapping[str, str] = {
    "assignment.released": "You are off a shift for your time off",
    "shift.claimed": "An open seat was claimed",
    "shift_request.accepted": "Your shift request was accepted; it waits for approval",
}

TEXT = Template("Hello $name,\n\n$lines\n\nTimes are in $zone.\n$footer\n")
HTML = Template(
    '<!doctype html><html><body style="font-family:sans-serif">'
    "<p>Hello $name,</p><ul>$items</ul>"
    '<p style="color:#666">Times are in $zone.</p>'
    '<p style="color:#666">$footer</p></body></html>'
)
FOOTER = "You can choose how you are told in Shiftwise, under notification preferences."


def _when(value: Any, zone: ZoneInfo) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).astimezone(zone)
    except ValueError:
        return None


def span(starts: Any, ends: Any, zone: ZoneInfo) -> str:
    """ "Tue 3 Mar 2026, 09:00–17:00" in the zone (the end's date when it differs)."""
    start, end = _when(starts, zone), _when(ends, zone)
    if start is None:
        return ""
    text = f"{start:%a} {start.day} {start:%b %Y, %H:%M}"
    if end is not None:
        text += (
            f"–{end:%H:%M}"
            if end.date() == start.date()
            else f" – {end:%a} {end.day} {end:%b %H:%M}"
        )
    return text


def title(item: Item) -> str:
    template = _TOPIC_TITLES.get(item.topic) or _TITLES[item.kind]
    state = str(item.payload.get("state") or item.topic.rpartition(".")[2])
    return Template(template).safe_substitute(state=state)


def detail(item: Item, zone: ZoneInfo, locations: Mapping[str, str]) -> str:
    p = item.payload
    place = locations.get(str(p.get("location_id")), "")
    where = f" at {place}" if place else ""
    if item.kind is MessageKind.published:
        count = len(p.get("shift_ids") or [])
        period = f"{p.get('start_date')} to {p.get('end_date')}"
        return f"{count} shift{'s' if count != 1 else ''}{where}, {period}"
    when = span(p.get("starts_at"), p.get("ends_at"), zone)
    text = f"{when}{where}" if when else where.strip()
    if item.kind is MessageKind.changed and p.get("previous_starts_at"):
        text += f" (was {span(p.get('previous_starts_at'), p.get('previous_ends_at'), zone)})"
    if p.get("note"):
        text += f". Note: {p['note']}"
    if p.get("reason") and isinstance(p.get("reason"), str) and p["reason"] != "time_off":
        text += f". Reason: {p['reason']}"
    return text


def render(
    items: Sequence[Item], *, name: str, zone_name: str, locations: Mapping[str, str]
) -> Rendered:
    zone = ZoneInfo(zone_name)
    lines = [(title(i), detail(i, zone, locations)) for i in items]
    subject = lines[0][0] if len(lines) == 1 else f"{len(lines)} updates to your shifts"
    text_lines = "\n".join(f"- {t}: {d}" if d else f"- {t}" for t, d in lines)
    html_items = "".join(
        f"<li><strong>{html.escape(t)}</strong>" + (f"<br>{html.escape(d)}" if d else "") + "</li>"
        for t, d in lines
    )
    sms = (
        f"Shiftwise: {lines[0][0]}: {lines[0][1]}"
        if len(lines) == 1
        else f"Shiftwise: {len(lines)} updates. " + "; ".join(f"{t}: {d}" for t, d in lines)
    )
    return Rendered(
        subject=subject,
        text=TEXT.substitute(name=name, lines=text_lines, zone=zone_name, footer=FOOTER),
        html=HTML.substitute(
            name=html.escape(name),
            items=html_items,
            zone=html.escape(zone_name),
            footer=html.escape(FOOTER),
        ),
        sms=sms[:1600],
        card=card(subject, lines, zone_name),
    )


CARD_FACTS = 20  # Teams refuses messages over ~28 KB: list the first ones, count the rest
FACT_CHARS = 400


def card(subject: str, lines: Sequence[tuple[str, str]], zone_name: str) -> dict[str, Any]:
    """An Adaptive Card 1.4 (the highest version Teams Workflows accept)."""
    facts = [{"title": t, "value": (d or "—")[:FACT_CHARS]} for t, d in lines[:CARD_FACTS]]
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": subject, "weight": "Bolder", "size": "Medium"},
        {"type": "FactSet", "facts": facts},
    ]
    if len(lines) > CARD_FACTS:
        more = len(lines) - CARD_FACTS
        body.append({"type": "TextBlock", "text": f"…and {more} more in Shiftwise."})
    body.append({"type": "TextBlock", "text": f"Times are in {zone_name}.", "isSubtle": True})
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.4",
        "body": body,
    }
