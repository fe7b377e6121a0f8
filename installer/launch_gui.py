"""PyInstaller entry point of the window, `backlog-desk` (see backlog-desk.spec)."""

import sys

from backlog_desk.app import main

if __name__ == "__main__":
    sys.exit(main())
