"""Demo data: the "Harbourview Care" organisation, loaded once by `shiftwise demo`."""

from shiftwise.demo.catalogue import (
    ADMIN_EMAIL,
    COORDINATOR_EMAIL,
    DEMO_PASSWORD,
    ORGANISATION_NAME,
    STAFF_EMAIL,
)
from shiftwise.demo.loader import DemoSummary, SignIn, demo_exists, load_demo, sign_ins

__all__ = [
    "ADMIN_EMAIL",
    "COORDINATOR_EMAIL",
    "DEMO_PASSWORD",
    "ORGANISATION_NAME",
    "STAFF_EMAIL",
    "DemoSummary",
    "SignIn",
    "demo_exists",
    "load_demo",
    "sign_ins",
]
