"""Team workflow: project scaffolding, templates, the action tracker."""
