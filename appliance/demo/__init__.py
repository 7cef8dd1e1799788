"""The demo data set: a realistic, deterministic help desk in Russian (client offices with their
people, equipment, credentials and licences; SLA plans, categories, FAQ; staff; tickets).

``generate_demo(store, tickets=..., seed=..., now=...)`` fills a freshly initialised store.
"""

from appliance.demo.generate import (
    DEMO_MARKER,
    MAX_TICKETS,
    DemoError,
    DemoSummary,
    generate_demo,
)

__all__ = ["DEMO_MARKER", "MAX_TICKETS", "DemoError", "DemoSummary", "generate_demo"]
