"""Suite-wide: every exchange recorded by ``recording_transport_factory`` is checked against the official specs
at the end of the session (tests/support/contract_plugin.py)."""

pytest_plugins = ["tests.support.contract_plugin"]
