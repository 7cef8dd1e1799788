"""Clients: the organisations and their cards."""
