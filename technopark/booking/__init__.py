"""Bookable rooms, their rules, bookings and blockings."""
