"""PyInstaller entry point of the command line, `backlog-desk-cli` (see backlog-desk.spec)."""

import sys

from backlog_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
