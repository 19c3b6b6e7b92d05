"""`python -m analytics …`: the command line, on the same code paths as the app."""

import os
import sys

from analytics.cli import main

try:
    sys.exit(main())
except BrokenPipeError:  # the reader went away (`… | head`): stop quietly, as other command-line tools do
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
