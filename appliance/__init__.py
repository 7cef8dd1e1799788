"""Tiketnitsa appliance: the help desk server (store, API, technicians' UI)."""

__version__ = "0.1.0"
