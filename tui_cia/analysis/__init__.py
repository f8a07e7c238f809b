"""Analysis: records to pandas frames, indicators, dimension scores and reports."""
