import sys

from .cli import groups_main

sys.exit(groups_main())
