"""Technopark: the platform that runs a national network of technology parks."""
