"""Every published format is made from the same PublishedSummary (samrad.publication.summary), so the
publication rules hold for all of them alike."""
