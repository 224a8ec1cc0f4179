"""``python -m termloc``."""

import sys

from termloc.cli import main

sys.exit(main())
