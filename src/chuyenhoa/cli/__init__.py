"""The ``chuyenhoa`` command line: one module per command, the shared options in :mod:`.common`."""
