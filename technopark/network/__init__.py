"""Regions, operators, sites, their spaces and their yearly budgets."""
