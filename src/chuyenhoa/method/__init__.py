"""The method: selection, scoring, the verdicts on hotspots and targets, the timeline.

Works on data already read and on the rules the hooks return; it renders nothing
and imports no built-in plugin's module (the national method reaches it through the hooks).
"""
