"""Reaching people: which events become which messages, on which channels, when."""
