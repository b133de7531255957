"""``python -m samrad.synthesis themes …`` / ``eval …``."""

import sys

from .cli import main

sys.exit(main())
