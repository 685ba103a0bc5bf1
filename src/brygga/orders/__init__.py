"""Order inbox (placeholder docstring)."""
