"""``brygga emulator eekonomi|severa --companies N``: the help says how each company is reached, in Swedish and in
English, and a count below one is a plain error, never a traceback."""

from __future__ import annotations

from tests.cli.support import brygga


def test_the_severa_help_names_the_derivable_demo_clients() -> None:
    swedish = brygga("emulator", "severa", "--help", COLUMNS="200")
    english = brygga("emulator", "severa", "--help", lang="en", COLUMNS="200")

    assert swedish.returncode == 0 and english.returncode == 0
    for shown in (" ".join(swedish.stdout.split()), " ".join(english.stdout.split())):
        assert "--companies" in shown and "brygga-demo-client-2" in shown and "brygga-demo-secret-2" in shown
    assert "organisationer" in swedish.stdout and "organisations" in english.stdout


def test_the_eekonomi_help_names_the_company_parameter() -> None:
    shown = " ".join(brygga("emulator", "eekonomi", "--help", lang="en", COLUMNS="200").stdout.split())

    assert "--companies" in shown and "company=<number or organisation number>" in shown


def test_fewer_than_one_company_is_a_plain_error() -> None:
    result = brygga("emulator", "eekonomi", "--companies", "0")

    assert result.returncode != 0
    assert "Antal företag måste vara minst 1" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
