"""The fixed facts of the demo organisation: sites, skills, shift patterns, names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

ORGANISATION_NAME = "Harbourview Care"
ORGANISATION_ZONE = "Europe/London"
EMAIL_DOMAIN = "harbourview.example"
# One documented password for every demo sign-in (passes the password policy).
DEMO_PASSWORD = "harbour-lights-2024"
ADMIN_EMAIL = f"admin@{EMAIL_DOMAIN}"
COORDINATOR_EMAIL = f"coordinator@{EMAIL_DOMAIN}"
STAFF_EMAIL = f"staff@{EMAIL_DOMAIN}"
SEED = 20_241_104

NURSE = "Registered nurse"
SENIOR = "Senior carer"
CARE = "Care assistant"
KITCHEN = "Kitchen"
DRIVER = "Driver"
ACTIVITIES = "Activities coordinator"

SKILLS: dict[str, str] = {
    NURSE: "Registered with the NMC (UK) or a state board (US); PIN checked yearly.",
    SENIOR: "Leads a care team on shift; medication-trained.",
    CARE: "Personal care and daily living support.",
    KITCHEN: "Food hygiene level 2; cooks and serves meals.",
    DRIVER: "Minibus driver for appointments and outings; licence checked yearly.",
    ACTIVITIES: "Plans and runs residents' activities.",
}


@dataclass(frozen=True)
class Site:
    key: str
    name: str
    address: str
    time_zone: str
    # How many staff of each skill are based here (a person may hold more than one skill).
    staff: dict[str, int]


SITES: tuple[Site, ...] = (
    Site(
        key="house",
        name="Harbourview House",
        address="12 Clarence Parade, Southsea, Portsmouth PO5 3NU, United Kingdom",
        time_zone="Europe/London",
        staff={NURSE: 5, SENIOR: 2, CARE: 10, KITCHEN: 2, DRIVER: 1, ACTIVITIES: 1},
    ),
    Site(
        key="quayside",
        name="Quayside Lodge",
        address="3 Ocean Way, Southampton SO14 3JZ, United Kingdom",
        time_zone="Europe/London",
        staff={NURSE: 4, SENIOR: 2, CARE: 8, KITCHEN: 2, DRIVER: 1},
    ),
    Site(
        key="brooklyn",
        name="Harbourview Brooklyn",
        address="210 Columbia Street, Brooklyn, NY 11231, United States",
        time_zone="America/New_York",
        staff={NURSE: 4, SENIOR: 1, CARE: 7, KITCHEN: 2, DRIVER: 1},
    ),
)


@dataclass(frozen=True)
class Pattern:
    """A daily shift in the site's local time; it ends the next day when end <= start."""

    name: str
    skill: str
    start: time
    end: time
    break_minutes: int
    headcount: int
    weekdays_only: bool = False
    note: str | None = None


PATTERNS: tuple[Pattern, ...] = (
    Pattern("Early", NURSE, time(7), time(15), 30, 1, note="Handover at 06:45"),
    Pattern("Early", SENIOR, time(7), time(15), 30, 1),
    Pattern("Early", CARE, time(7), time(15), 30, 2),
    Pattern("Late", NURSE, time(15), time(23), 30, 1),
    Pattern("Late", CARE, time(15), time(23), 30, 2),
    Pattern("Night", NURSE, time(23), time(7), 30, 1, note="Sleep-in room on the first floor"),
    Pattern("Night", CARE, time(23), time(7), 30, 1),
    Pattern("Kitchen", KITCHEN, time(8), time(14), 20, 1),
    Pattern("Transport", DRIVER, time(9), time(13), 0, 1, weekdays_only=True),
    Pattern("Activities", ACTIVITIES, time(10), time(16), 30, 1, weekdays_only=True),
)

FIRST_NAMES = (
    "Amara", "Ben", "Chloe", "Dev", "Elena", "Femi", "Grace", "Hamza", "Isla", "Jamal",
    "Keira", "Liam", "Maya", "Nikhil", "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tariq",
    "Uma", "Victor", "Wren", "Xavier", "Yasmin", "Zoe", "Aled", "Bronwen", "Callum", "Delia",
    "Eamon", "Fatima", "Gareth", "Hana", "Ines", "Jonah", "Kofi", "Lena", "Mateo", "Nia",
)  # fmt: skip
LAST_NAMES = (
    "Adeyemi", "Brennan", "Chowdhury", "Davies", "Evans", "Fraser", "Gallagher", "Hughes",
    "Iqbal", "Jones", "Kowalski", "Lewis", "Mensah", "Nowak", "O'Connor", "Patel", "Quinlan",
    "Reyes", "Singh", "Thompson", "Underwood", "Vasquez", "Walsh", "Xu", "Young", "Zielinski",
)  # fmt: skip
