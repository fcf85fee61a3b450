"""Shared pages, layout, language switcher, demo seeding and the API root."""
