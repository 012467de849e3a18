"""Thin Qt item models over domain dataclasses: no queries, only rows handed to them."""
