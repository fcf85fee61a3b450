"""The house that composes the apps: the project's top layer (docs/architecture.md)."""
