from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class CalendarFeed(BaseModel):
    """The caller's private calendar feed: anyone with the URL can read the shifts."""

    url: str = Field(examples=["https://shiftwise.example/calendar/Xq3…9w.ics"])
    webcal_url: str = Field(description="The same feed for calendar apps (webcal://)")
    created_at: datetime
