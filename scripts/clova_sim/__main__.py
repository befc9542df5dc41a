"""``python -m clova_sim``: the simulator's command line."""

from clova_sim.cli import main

raise SystemExit(main())
