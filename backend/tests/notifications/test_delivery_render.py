"""Rendering, without a database: local times, escaping, grouping, size limits."""

from __future__ import annotations

import json

from shiftwise.notifications.preferences import MessageKind
from shiftwise.notifications.render import Item, render
from tests.fakes.teams import MAX_BYTES

LOC = "11111111-1111-4111-8111-111111111111"


def _item(kind: MessageKind, topic: str, **payload: object) -> Item:
    base = {"location_id": LOC, "starts_at": "2026-03-29T00:30:00+00:00"}
    return Item(kind, topic, base | payload)


def test_times_are_local_to_the_recipient_across_a_clock_change() -> None:
    # 00:30 UTC on the day British Summer Time starts is 00:30 GMT; 08:30 UTC is 09:30 BST.
    item = _item(MessageKind.assigned, "assignment.created", ends_at="2026-03-29T08:30:00+00:00")
    out = render([item], name="Sam", zone_name="Europe/London", locations={LOC: "North"})
    assert "Sun 29 Mar 2026, 00:30–09:30 at North" in out.text
    assert out.subject == "You have a new shift"


def test_what_people_wrote_is_escaped_in_html_and_kept_in_text() -> None:
    item = _item(MessageKind.request_decided, "shift_request.denied", note="<b>no</b> & sorry")
    out = render([item], name="<Sam>", zone_name="UTC", locations={LOC: "A&B"})
    assert "<b>no</b>" not in out.html
    assert "&lt;b&gt;no&lt;/b&gt; &amp; sorry" in out.html
    assert "&lt;Sam&gt;" in out.html
    assert "A&amp;B" in out.html
    assert "Note: <b>no</b> & sorry" in out.text
    assert out.subject == "Your shift request was denied"


def test_many_items_are_one_message_within_the_sms_and_card_limits() -> None:
    items = [
        _item(MessageKind.changed, "shift.changed", note="x" * 1000, reason="r") for _ in range(40)
    ]
    out = render(items, name="Sam", zone_name="UTC", locations={})
    assert out.subject == "40 updates to your shifts"
    assert out.text.count("- Your shift has changed") == 40
    assert len(out.sms) <= 1600
    assert out.card["version"] == "1.4"
    assert len(out.card["body"][1]["facts"]) == 20
    assert out.card["body"][2]["text"] == "…and 20 more in Shiftwise."
    assert len(json.dumps(out.card).encode()) < MAX_BYTES
