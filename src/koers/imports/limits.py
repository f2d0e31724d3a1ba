"""The bounds of an import, in one place: the pages, the command and docs/import.md state them."""

# The file as uploaded. A list of 10,000 projects with long descriptions is a few megabytes.
MAX_FILE_BYTES = 10 * 1024 * 1024
# Rows below the header; more is a second import. On the page a list longer than
# APPLY_IN_REQUEST_ROWS is imported by the worker (tasks.py), not in the request
# (benchmarks/import.py: about a second of CPU time per 1,000 new rows).
MAX_ROWS = 10_000
APPLY_IN_REQUEST_ROWS = 1_000
MAX_COLUMNS = 50
# A cell holds at most an essay (the longest text a project has, see koers.guards.text).
MAX_CELL_CHARS = 5_000
# An XLSX is a zip: what its directory says the parts unpack to, together, and how many parts.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_PARTS = 500
