"""The Problems dock."""
