"""Entry point for ``python -m coding``."""

import sys

from coding.cli import main

sys.exit(main())
