"""End-to-end tests: a real Home Assistant driven by the Clova simulator (scripts/e2e)."""
