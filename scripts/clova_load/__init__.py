"""scripts/load: many concurrent CEK clients against a real Home Assistant, timed and checked.

It reuses the live demo's machinery (``clova_sim``) to start the demo home on a free port in
a temporary folder and to link the account, then sends a realistic mix of signed Clova Home
requests and writes p50/p95/p99 latencies to ``docs/benchmarks/load.md``.
"""
