"""Use cases: the one way in for pages, API routes and commands.

One module per feature. A service function takes the store and the actor (``services.actor``),
checks the actor's permission afresh inside its transaction, runs one transaction, writes its
audit row inside that same transaction, and returns plain typed values. Failures are
``appliance.domain.errors.AppError`` kinds. Services import the store and the domain; nothing
here imports ``ui``, ``api`` or ``commands``.
"""
