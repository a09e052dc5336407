"""Outbound channels behind one Protocol (base.Sender); the registry picks them."""
