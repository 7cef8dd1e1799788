"""Tickets: the list, the ticket screen, a phone ticket, the screenshot route."""
