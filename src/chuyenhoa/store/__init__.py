"""The history store: every year a province recorded, kept by the tool instead of pasted into one file.

A stage between reading and the method.  It keeps what reading produced (the
typed values of a :class:`~chuyenhoa.reading.dataset.Dataset`, as read, with the
file they came from) and hands earlier years back as a Dataset
(:func:`chuyenhoa.store.merge.with_stored_years`), so the method evaluates them
like any other data and never learns where they came from, let alone SQL.  The
verdicts of a year reach the store as plain values (:class:`chuyenhoa.store.record.Verdicts`),
built by :mod:`chuyenhoa.method.archive` from a result: the store therefore
imports nothing of the method, and the method imports the store only lazily,
when a store is asked for.

The modules:

* :mod:`~chuyenhoa.store.location`: where the store is (``--db``, ``CHUYENHOA_DB``,
  the user's data folder), without importing SQLAlchemy;
* :mod:`~chuyenhoa.store.schema`: the tables, in SQLAlchemy Core;
* :mod:`~chuyenhoa.store.connection`: opening a store, migrating an older schema
  (Alembic, scripts in ``migrations/``) after a backup, transactions that lock;
* :mod:`~chuyenhoa.store.record`: recording a year as a version, never overwriting one;
* :mod:`~chuyenhoa.store.queries`: versions, the current values of years, communes' paths;
* :mod:`~chuyenhoa.store.merge`: earlier years added to a dataset;
* :mod:`~chuyenhoa.store.lineage`: a commune followed across the 2025 merger.

SQLAlchemy and Alembic are imported inside these modules' functions or by
modules nothing imports at start-up: ``import chuyenhoa`` never loads them.
"""

#: The environment variable that names the store when ``--db`` is not given (:mod:`~chuyenhoa.store.location`).
#: Here, not there, so that ``chuyenhoa evaluate`` without a store reads it without importing that module.
ENV = "CHUYENHOA_DB"
