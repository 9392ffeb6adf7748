"""One module per command; each imports what it needs and registers itself with ``register``.

``coopscore.cli.app`` lists them and imports only the one a command line runs.
"""
