"""Pure functions between wire models and the canonical domain: ``to_<system>_<thing>``, ``from_<system>_<thing>``."""
