"""The command line (the only part importing click)."""
