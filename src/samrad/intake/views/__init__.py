"""Views of the intake app, one module per page family: survey, notes, imports, contributions."""
