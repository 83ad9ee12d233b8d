"""Hostile input, door by door (issue 20): each case is refused in one line or made inert."""
