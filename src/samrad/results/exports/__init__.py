"""Every published format is made from the same PublishedSummary (results/published.py), so the
publication rules hold for all of them alike."""
