"""The contract with plugins: the hook specifications, the host that calls them, what a pack registers.

Everything a province pack or a third party builds against lives here; the layers above
(reading, method, output, command line) are its users, never its dependencies.
"""
