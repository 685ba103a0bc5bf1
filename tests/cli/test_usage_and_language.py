"""Nothing runs by surprise, and the CLI speaks one language: Swedish by default, English with BRYGGA_LANG=en,
Click's and Typer's own words included."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from brygga.transfer.runner import CATEGORIES
from tests.cli.support import brygga

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "compile_catalog.py"
_SPEC = importlib.util.spec_from_file_location("compile_catalog", _SCRIPT)
assert _SPEC is not None and _SPEC.loader is not None
compile_catalog = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(compile_catalog)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", ("Ange vilka kategorier", "Användning:", "Kategorier:", "orders (Order)", "--all")),
        ("en", ("Name the categories to transfer", "Usage:", "Categories:", "orders (Orders)", "--all")),
    ],
)
def test_transfer_without_category_prints_the_usage_and_exits_2(tmp_path: Path, lang: str, words: tuple[str, ...]):
    result = brygga("transfer", data_dir=tmp_path, lang=lang)
    assert result.returncode == 2
    for word in words:
        assert word in result.stderr
    assert not (tmp_path / "brygga.sqlite3").exists()  # nothing opened, nothing ran


def test_transfer_help_lists_every_category_including_orders(tmp_path: Path) -> None:
    text = brygga("transfer", "--help", data_dir=tmp_path, COLUMNS="200").stdout
    for name in CATEGORIES:
        assert name in text
    assert "orders" in text and "--failed-only" in text and "--verbose" in text


def test_unknown_category_is_named_with_the_list_to_choose_from(tmp_path: Path) -> None:
    result = brygga("transfer", "kunder", data_dir=tmp_path, COLUMNS="200")
    assert result.returncode == 2
    assert "Okänd kategori: kunder" in result.stderr and "customers (Kunder)" in result.stderr


def test_help_is_swedish_in_swedish_mode_including_typers_own_words(tmp_path: Path) -> None:
    text = brygga("--help", data_dir=tmp_path).stdout
    for word in ("Användning:", "Flaggor", "Kommandon", "Visa den här hjälpen och avsluta.", "Överför en eller flera"):
        assert word in text
    for english in ("Usage:", "Options", "Commands", "Show this message and exit."):
        assert english not in text


def test_help_is_english_in_english_mode(tmp_path: Path) -> None:
    text = brygga("--help", data_dir=tmp_path, lang="en").stdout
    for word in ("Usage:", "Options", "Commands", "Show this message and exit.", "Transfer one or more"):
        assert word in text
    for swedish in ("Användning", "Flaggor", "Kommandon", "Överför"):
        assert swedish not in text


def test_english_mode_wins_over_a_swedish_desktop(tmp_path: Path) -> None:
    text = brygga("--help", data_dir=tmp_path, lang="en", LANGUAGE="sv").stdout
    assert "Usage:" in text and "Flaggor" not in text


@pytest.mark.parametrize(
    ("args", "sv", "en"),
    [
        (("settings", "set"), "Argument saknas: 'key'.", "Missing argument 'key'."),
        (("transfer", "--nope"), "Flaggan --nope finns inte", "No such option: --nope"),
        (("trnsfer",), "Kommandot 'trnsfer' finns inte. Menade du 'transfer'?", "No such command 'trnsfer'."),
    ],
)
def test_usage_errors_are_in_the_chosen_language(tmp_path: Path, args: tuple[str, ...], sv: str, en: str) -> None:
    swedish = brygga(*args, data_dir=tmp_path, COLUMNS="200")
    assert swedish.returncode == 2 and sv in swedish.stderr and "Fel" in swedish.stderr
    english = brygga(*args, data_dir=tmp_path, lang="en", COLUMNS="200")
    assert english.returncode == 2 and en in english.stderr and "Error" in english.stderr


@pytest.mark.parametrize(
    ("lang", "message", "hint"),
    [
        ("sv", "--from '2026-13-01' är inget giltigt datum", "ÅÅÅÅ-MM-DD"),
        ("en", "--from '2026-13-01' is not a valid date", "YYYY-MM-DD"),
    ],
)
def test_a_wrong_date_names_the_option_the_text_and_the_format(tmp_path: Path, lang: str, message: str, hint: str):
    result = brygga(
        "transfer",
        "supplier-invoices",
        "--from",
        "2026-13-01",
        "--to",
        "2026-12-31",
        data_dir=tmp_path,
        lang=lang,
        COLUMNS="200",
    )
    assert result.returncode == 2
    assert message in result.stderr and hint in result.stderr
    assert "Traceback" not in result.stderr and "ValueError" not in result.stderr


def test_the_shipped_catalogue_is_compiled_from_its_po_file() -> None:
    assert compile_catalog.CATALOGUE.with_suffix(".mo").read_bytes() == compile_catalog.compile_catalogue()


def test_the_catalogue_is_package_data() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert "cli/locale/*/LC_MESSAGES/*.mo" in pyproject
