"""The bilan engine, dashboard, drill-downs, editions, reports and open data (read only)."""
