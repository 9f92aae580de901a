"""blamelint: a linter that keeps incident postmortems blameless."""

__version__ = "0.1.0"
