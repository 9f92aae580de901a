"""Corrective actions: items extracted from Markdown, blocks and sidecars; schema."""
