"""A Clova (CEK) stand-in for the live demo: account linking and signed Clova Home messages.

``scripts/clova`` runs the command-line simulator (:mod:`clova_sim.cli`), ``scripts/develop``
the demo home (:mod:`clova_sim.develop`), and the end-to-end test in ``e2e/`` uses both.
Only the standard library and ``cryptography`` (which Home Assistant ships) are needed.
"""
