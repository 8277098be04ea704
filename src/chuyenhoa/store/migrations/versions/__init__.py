"""The revisions of the store's schema, oldest first: ``r0001_values``, ``r0002_verdicts``."""
