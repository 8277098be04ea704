"""The host's own behaviour as plugins, registered by name like any pack.

:mod:`chuyenhoa.builtin.national` is the national method (7488/KH-UBND), :mod:`chuyenhoa.builtin.awards`
the award checks.  They are loaded by name (:data:`chuyenhoa.plugins.host.BUILTIN_PLUGINS`),
so no lower layer imports them and a pack overrides them through the same hooks.
"""
