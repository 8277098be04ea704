"""The Alembic environment of the history store, shipped inside the package (``chuyenhoa.store:migrations``).

:mod:`chuyenhoa.store.connection` runs these scripts on the connection it holds,
inside its own locked transaction: a store is created by the same scripts that
migrate an older one, so the two can never differ.
"""
