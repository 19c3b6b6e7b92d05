"""`python -m analytics …`: the command line, on the same code paths as the app."""

import sys

from analytics.cli import main

sys.exit(main())
