"""The document model: Markdown parsed into sections, segments, metadata."""
