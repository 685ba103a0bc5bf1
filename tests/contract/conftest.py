"""Load the contract plugin when the root ``conftest.py`` has not registered it.

The root conftest is meant to declare ``pytest_plugins = ["tests.support.contract_plugin"]`` for the
whole suite. pytest rejects ``pytest_plugins`` in a conftest below the root, so this one registers the
plugin by hand instead (``pytest_configure`` is a historic hook: it also runs for a conftest that is
loaded during collection), and does nothing when the plugin is already there.
"""

import pytest

_PLUGIN = "tests.support.contract_plugin"


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin(_PLUGIN):
        config.pluginmanager.import_plugin(_PLUGIN)
