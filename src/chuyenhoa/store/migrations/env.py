"""Alembic's entry point: run the migrations on the connection :mod:`chuyenhoa.store.connection` hands over.

There is no ``alembic.ini`` and no URL here: the store is always opened by
chuyenhoa, which passes its connection (already inside a transaction that holds
the store's lock) as ``config.attributes["connection"]``.  Running ``alembic``
by hand against a store is not supported.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True,
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
