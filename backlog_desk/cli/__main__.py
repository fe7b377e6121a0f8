import sys

from backlog_desk.cli import main

sys.exit(main())
