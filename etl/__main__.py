"""`python -m etl ...`: see etl/cli.py."""

import sys

from etl.cli import main

if __name__ == "__main__":  # a spawned checking process imports this module too
    sys.exit(main())
