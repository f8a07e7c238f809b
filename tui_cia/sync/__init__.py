"""Sync: bundle files between laptops and the district office; CSV/XLSX exports."""
