"""The grouping engine: people with attributes in, groups out. Pure Python, no Django."""
