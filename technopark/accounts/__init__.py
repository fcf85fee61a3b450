"""Users, roles and their scopes, API tokens, and the one permission layer."""
