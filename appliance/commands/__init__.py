"""Sub-commands of the ``tiketnitsa`` command, one module each.

Each module has ``register(subparsers)``, which adds its parser and sets ``handler`` to a function
``(args) -> int`` (the exit code). Commands call services; a failure meant for people is an
``appliance.domain.errors.AppError``, which ``appliance.cli.main`` prints as one sentence in the
installation's language with the exit code of its kind.
"""
