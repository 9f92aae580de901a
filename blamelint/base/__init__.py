"""Foundations: errors, findings, file and YAML reading, shipped data paths."""
