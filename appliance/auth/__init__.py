"""Accounts: password hashing, login with throttling, roles."""
