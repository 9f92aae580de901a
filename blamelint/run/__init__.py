"""Running: config, linting a document, suppressions, runner, parallelism, cache."""
