"""What the bundled program runs: the same ``main`` as the ``reportdesk`` command of a pip install."""

import sys

from reportdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
