"""PyInstaller entry point: the ``liveviewer`` command (window, enrol, submit, agent, status)."""

import sys

from client.cli import main

if __name__ == "__main__":
    sys.exit(main())
