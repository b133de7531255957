import sys

from samrad.cli import main

sys.exit(main())
