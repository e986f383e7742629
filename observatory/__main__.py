"""`python -m observatory export ...`: see observatory/cli.py."""

import sys

from observatory.cli import main

if __name__ == "__main__":
    sys.exit(main())
