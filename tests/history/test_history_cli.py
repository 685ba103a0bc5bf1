"""``brygga history OBJECT`` as a user runs it (a separate process): the runs of one object with the fields old ->
new, the reason and what to do, its links; a number that names nothing, an object only ever skipped, a fresh store,
JSON, English, and no other company's objects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brygga.config import Settings
from brygga.store import Store, open_store
from brygga.store.object_history import ObjectHistoryStore
from tests.cli.support import brygga
from tests.history.records import C2_HINT, EEK_ID, PM_ID, record_runs


@pytest.fixture
def recorded(settings: Settings, store: Store) -> dict[str, str]:
    record_runs(store)
    key = settings.secret_key.get_secret_value() if settings.secret_key else ""
    return {"BRYGGA_DB": str(settings.db), "BRYGGA_SECRET_KEY": key}


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def test_history_cli_shows_the_update_old_to_new_the_create_and_the_links(tmp_path: Path, recorded: dict[str, str]):
    result = brygga("history", "1001", data_dir=tmp_path, **recorded)
    assert result.returncode == 0, result.stderr
    lines = _lines(result.stdout)
    assert lines[0] == "Kunder 1001 Aurora Konsult & Co AB"
    assert f"Visma PM: {PM_ID} ↔ Visma eEkonomi: {EEK_ID}" in " ".join(lines)
    updated = next(i for i, line in enumerate(lines) if "Uppdaterad" in line)
    assert lines[updated + 1] == "Namn: Aurora Konsult AB → Aurora Konsult & Co AB"
    assert updated < next(i for i, line in enumerate(lines) if "Skapad" in line)  # newest first


def test_history_cli_failure_has_its_message_and_hint_and_with_verbose_the_rule_and_ids(
    tmp_path: Path, recorded: dict[str, str]
):
    result = brygga("history", "1003", "--category", "customers", "--verbose", data_dir=tmp_path, **recorded)
    assert result.returncode == 0, result.stderr
    text = " ".join(_lines(result.stdout))
    assert text.count("Misslyckades") == 2 and "Inte kopplat i något system ännu." in text
    assert "kopplades inte" in text and f"Gör så här: {C2_HINT}" in text
    assert "Teknisk detalj: [C2]" in text and "Visma PM: pm-1003, Visma eEkonomi: -" in text


def test_history_cli_json_and_english(tmp_path: Path, recorded: dict[str, str]):
    result = brygga("history", EEK_ID, "--json", data_dir=tmp_path, lang="en", **recorded)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["category"], data["object"], data["name"]) == ("customers", "1001", "Aurora Konsult & Co AB")
    assert [(run["what"], run["action"]) for run in data["runs"]] == [("Updated", "update"), ("Created", "create")]
    assert data["runs"][0]["changes"] == [
        {"field": "name", "old": "Aurora Konsult AB", "new": "Aurora Konsult & Co AB"}
    ]
    assert data["links"][0]["pm_id"] == PM_ID and data["links"][0]["eek_id"] == EEK_ID


def test_history_cli_object_only_ever_skipped_says_it_was_never_transferred(tmp_path: Path, recorded: dict[str, str]):
    result = brygga("history", "1044", data_dir=tmp_path, **recorded)
    assert result.returncode == 0, result.stderr
    text = " ".join(_lines(result.stdout))
    assert "Objektet har bara hoppats över: det har aldrig förts över." in text
    assert text.count("Överhoppad") == 2 and "Inaktiv kund: förs inte över." in text
    assert "[C1]" not in text and "Teknisk detalj" not in text  # the rule id only with --verbose


def test_history_cli_unknown_number_on_a_fresh_store_says_inget_objekt_with_a_hint(tmp_path: Path):
    result = brygga("history", "4711", data_dir=tmp_path)
    assert result.returncode == 2
    err = " ".join(_lines(result.stderr))
    assert "Fel: Inget objekt med nummer 4711 har överförts." in err
    assert "Gör så här: Kontrollera numret" in err and "Traceback" not in err


@pytest.mark.both_databases  # on PostgreSQL row-level security hides the other company's rows as well
def test_history_reads_only_its_own_company(settings: Settings, store: Store):
    record_runs(store)
    other = open_store(settings.model_copy(update={"tenant": "annat-ab"}))
    try:
        histories = ObjectHistoryStore(other.db, other.tenant)
        assert histories.history("customers", "1001") is None
        assert histories.find("1001") == [] and histories.find("Aurora") == []
        assert histories.run_items(1) == (0, [])
    finally:
        other.db.dispose()
    mine = ObjectHistoryStore(store.db, store.tenant)
    assert [m.object_key for m in mine.find("Aurora")] == ["1001"]  # by name when no number matches
