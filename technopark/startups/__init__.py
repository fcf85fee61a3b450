"""Startups, their members and invitations, and the records the bilan counts about them."""
