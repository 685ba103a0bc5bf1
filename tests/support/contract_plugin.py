"""pytest plugin: every exchange recorded through ``recording_transport_factory`` is checked against the
official specs when the session ends, and any problem fails the run.

Register it once from the root ``conftest.py``::

    pytest_plugins = ["tests.support.contract_plugin"]

Use it in a test that talks to an emulator::

    register_base_url("http://eekonomi.test", "eekonomi")  # or the loopback URL of an EmulatorServer
    transport = recording_transport_factory(httpx.ASGITransport(app))
    async with httpx.AsyncClient(transport=transport, base_url="http://eekonomi.test") as client: ...

Under pytest-xdist (``make test`` runs ``-n 2``) each worker checks its own exchanges and writes the result to a file
the controller names (``contract_dir``); the controller adds them up, prints the one summary and fails the run on
any problem, exactly as a single process does.

Only URLs under a registered prefix are checked, so give each in-process emulator its own host name.
A test that sends spec-violating traffic on purpose (to see an emulator reject it) must use a plain
transport or its own ``ExchangeLog``, not this factory.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.recording import BaseUrlRegistry, ExchangeLog, RecordingTransport, count_problems
from tests.support.spec_validation import SpecValidator

__all__ = ["contract_log", "recording_transport_factory", "register_base_url", "system_of"]

_LOG_KEY = pytest.StashKey[ExchangeLog]()
_PROBLEMS_KEY = pytest.StashKey[list[tuple[str, int]]]()
_CHECKED_KEY = pytest.StashKey[int]()  # how many exchanges were checked (all workers together under xdist)
_DIR_KEY = pytest.StashKey[Path]()  # xdist controller: where the workers write their results
_REGISTRY = BaseUrlRegistry()
_VALIDATOR_FACTORIES: dict[str, Callable[[], SpecValidator]] = {
    "eekonomi": SpecValidator.eekonomi,
    "severa": SpecValidator.severa,
}


def register_base_url(url_prefix: str, system: str) -> None:
    """Tell the contract check that URLs under ``url_prefix`` belong to ``system``."""
    if system not in _VALIDATOR_FACTORIES:
        raise ValueError(f"unknown system {system!r}; expected one of {sorted(_VALIDATOR_FACTORIES)}")
    _REGISTRY.register(url_prefix, system)


def system_of(url: str) -> str | None:
    return _REGISTRY.system_of(url)


def validators() -> dict[str, SpecValidator]:
    """Validators for the systems tests registered (loading a spec costs up to 0.7 s: only when used)."""
    return {system: _VALIDATOR_FACTORIES[system]() for system in _REGISTRY.systems()}


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_LOG_KEY] = ExchangeLog(classify=_REGISTRY.system_of)


@pytest.fixture(scope="session")
def contract_log(pytestconfig: pytest.Config) -> ExchangeLog:
    """The session's exchange log; checked against the specs when the session ends."""
    return pytestconfig.stash[_LOG_KEY]


@pytest.fixture
def recording_transport_factory(
    contract_log: ExchangeLog,
) -> Callable[[httpx.AsyncBaseTransport], RecordingTransport]:
    """``factory(inner_transport)`` -> a ``RecordingTransport`` feeding the session's ``contract_log``."""

    def wrap(inner: httpx.AsyncBaseTransport) -> RecordingTransport:
        return RecordingTransport(inner, contract_log)

    return wrap


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist controller: tell each worker where to write its contract result."""
    config = node.config
    if _DIR_KEY not in config.stash:
        config.stash[_DIR_KEY] = Path(tempfile.mkdtemp(prefix="brygga-contract-"))
    node.workerinput["contract_dir"] = str(config.stash[_DIR_KEY])


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if _DIR_KEY in config.stash:  # the xdist controller: its workers checked their own exchanges
        checked, problems = _gather(config.stash[_DIR_KEY])
    else:
        log = config.stash.get(_LOG_KEY, None)
        checked = 0 if log is None else len(log)
        problems = count_problems(log.check(validators(), system_of)) if checked and log is not None else []
        worker_dir = getattr(config, "workerinput", {}).get("contract_dir")
        if worker_dir:
            name = f"contract-{config.workerinput['workerid']}.json"  # type: ignore[attr-defined]
            Path(worker_dir, name).write_text(json.dumps({"checked": checked, "problems": problems}))
    config.stash[_CHECKED_KEY] = checked
    config.stash[_PROBLEMS_KEY] = problems
    if problems and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _gather(folder: Path) -> tuple[int, list[tuple[str, int]]]:
    checked, merged = 0, []
    for result in sorted(folder.glob("contract-*.json")):
        data = json.loads(result.read_text())
        checked += int(data["checked"])
        merged.extend(str(problem) for problem, count in data["problems"] for _ in range(int(count)))
        result.unlink()
    folder.rmdir()
    return checked, count_problems(merged)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    problems = config.stash.get(_PROBLEMS_KEY, [])
    checked = config.stash.get(_CHECKED_KEY, 0)
    if getattr(config, "workerinput", None) is not None:
        return  # an xdist worker: the controller prints the one summary
    if not problems:
        if checked:
            terminalreporter.write_line(f"contract: {checked} recorded exchanges match the official specs")
        return
    total = sum(count for _, count in problems)
    terminalreporter.section("contract violations (official specs)", sep="=", red=True, bold=True)
    for problem, count in problems:
        terminalreporter.write_line(f"{count:>5} x {problem}")
    terminalreporter.write_line(
        f"{len(problems)} distinct problems ({total} in all) in {checked} recorded exchanges",
        red=True,
    )
