"""``python -m bench_clova``: see :mod:`bench_clova.cli`."""

from bench_clova.cli import main

raise SystemExit(main())
