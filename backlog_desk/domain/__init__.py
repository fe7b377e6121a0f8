"""Pure domain rules: case numbers, dates, ages, campaigns, rates.

No Qt and no SQLAlchemy here (an import-linter contract enforces it). Problems in user data are
returned as values, never raised, so callers can report every problem in a file at once.
"""
