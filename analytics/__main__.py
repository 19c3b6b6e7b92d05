"""`python -m analytics …`: the command line, on the same code paths as the app."""

import os
import sys

from analytics.domain import RegistryUnusable

try:
    from analytics.cli import main  # its modules read the court registry as they load (the courts' colours)

    sys.exit(main())
except RegistryUnusable as error:  # CUM2_COURTS_FILE missing or malformed: one sentence naming the file, no traceback
    print(f"Lỗi: {error.both()}", file=sys.stderr)
    sys.exit(2)
except BrokenPipeError:  # the reader went away (`… | head`): stop quietly, as other command-line tools do
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
