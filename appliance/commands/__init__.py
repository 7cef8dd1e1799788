"""Sub-commands of the ``tiketnitsa`` command, one module each.

Each module has ``register(subparsers)``, which adds its parser and sets ``handler`` to a function
``(args) -> int`` (the exit code). Errors meant for people are raised as ``CommandError``.
"""


class CommandError(Exception):
    """A failure to report as one plain sentence on stderr, exit code 1."""
