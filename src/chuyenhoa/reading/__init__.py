"""Reading: plan files, geography snapshots, data tables and their cells.

This layer turns files into checked values and names the file, row and column of
every fault.  It never imports the method, the output or the command line.
"""
