"""The bilan's PDF and Excel reports, the open-data page and feeds, the public showcase."""
