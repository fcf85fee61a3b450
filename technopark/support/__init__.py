"""The services catalogue, service requests, experts and matching, opportunities."""
