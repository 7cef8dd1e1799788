"""Accounts: password hashing (``passwords``), login checks with throttling (``login``,
``throttle``) and account management with audit (``accounts``). No UI imports here: the pages in
``appliance.ui`` call these."""
