"""Import and export of the interchange format, through the owners' services."""
