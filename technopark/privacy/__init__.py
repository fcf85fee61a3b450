"""Law 09-08: privacy requests (access, correction, deletion), retention, backups."""
