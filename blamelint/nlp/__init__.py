"""spaCy and the name and blame detectors built on it (the only part importing spaCy)."""
