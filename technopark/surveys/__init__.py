"""Campaigns, declarations and satisfaction answers."""
