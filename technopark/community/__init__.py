"""Events, registrations, check-in and amenities."""
