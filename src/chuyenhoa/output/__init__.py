"""Output: the words of verdicts, text for a terminal, files for people (workbooks, reports, calendars).

Renders a :class:`~chuyenhoa.method.result.Result` or a plan it is given; it never
looks up the plugin host nor imports the command line.
"""
