"""Rule data (YAML) model, rule docs and the rule kinds."""
