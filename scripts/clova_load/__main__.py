"""``python -m clova_load`` (what scripts/load runs)."""

from clova_load.cli import main

raise SystemExit(main())
