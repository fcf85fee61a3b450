"""The guichet unique: partner desks, their services, slots and appointments."""
