"""Storage: the SQLite database through sqlite-utils (records, history, form versions)."""
