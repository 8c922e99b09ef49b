"""``python -m reportdesk`` and the ``reportdesk`` command."""

from __future__ import annotations

import sys

from reportdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
