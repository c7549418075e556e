"""Domain rules of the portal, free of Flask request objects."""
