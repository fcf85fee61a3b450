"""The hosting pages: spaces and occupancy, contracts, waiting list, rent."""
