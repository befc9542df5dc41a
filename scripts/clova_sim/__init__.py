"""A Clova (CEK) stand-in for the live demo: account linking and signed Clova Home messages.

``scripts/clova`` runs the command-line simulator (:mod:`clova_sim.cli`), ``scripts/develop``
the demo home (:mod:`clova_sim.develop`), and the end-to-end test in ``e2e/`` uses both.
How CEK builds and signs a request (:mod:`clova_sim.messages`, :mod:`clova_sim.keys`) is
shared with the integration's tests, which import it as ``scripts.clova_sim``.
Only the standard library and ``cryptography`` (which Home Assistant ships) are needed.
"""
