"""Rule C9: eEkonomi's one contact-name field split into Visma PM's first and last name."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from brygga.domain import Contact
from brygga.mapping.contacts import NO_FIRST_NAME, split_contact_name
from brygga.mapping.eekonomi_customers import to_eekonomi_fields
from brygga.mapping.severa_customers import from_severa_customer, to_severa_contact
from tests.mapping.builders import guid, pm_contact, pm_record, pm_reference

# Words without white space; names are words joined by one or more spaces.
WORD = st.text(st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")), min_size=1, max_size=12).filter(
    lambda w: w.split() == [w]
)


@pytest.mark.parametrize(
    ("full_name", "first", "last"),
    [
        ("Karin Lind", "Karin", "Lind"),
        ("Karin Lind Berg", "Karin", "Lind Berg"),  # the FIRST space splits, the rest stays the last name
        ("  Karin   Lind  ", "Karin", "Lind"),  # surrounding and repeated spaces are not part of a name
        ("Anna-Lena von Essen", "Anna-Lena", "von Essen"),
    ],
)
def test_c9_name_is_split_at_the_first_space(full_name: str, first: str, last: str) -> None:
    assert split_contact_name(full_name) == (first, last)


@pytest.mark.parametrize("full_name", ["Mats", "  Mats ", "Ödman"])
def test_c9_name_without_space_gets_question_mark(full_name: str) -> None:
    assert split_contact_name(full_name) == (NO_FIRST_NAME, full_name.strip())
    assert NO_FIRST_NAME == "?"


def test_c9_pm_contact_body_carries_the_split_name() -> None:
    body = to_severa_contact("Mats", guid("c"), None).to_create_body()
    assert (body["firstName"], body["lastName"]) == ("?", "Mats")
    body = to_severa_contact("Karin Lind Berg", guid("c"), guid("a")).to_create_body()
    assert (body["firstName"], body["lastName"], body["addressGuid"]) == ("Karin", "Lind Berg", guid("a"))


@given(first=WORD, rest=st.lists(WORD, min_size=1, max_size=4))
def test_c9_split_then_join_round_trips_any_name_with_a_space(first: str, rest: list[str]) -> None:
    # A first word that is exactly "?" is the C9 placeholder itself and reads back as "no first name".
    assume(first != "?")
    full_name = " ".join([first, *rest])
    split_first, split_last = split_contact_name(full_name)
    assert split_first == first
    assert Contact(first_name=split_first, last_name=split_last).full_name == full_name


@given(word=WORD)
def test_c9_single_word_keeps_the_whole_name_as_last_name(word: str) -> None:
    assert split_contact_name(word) == ("?", word)


def test_c9_placeholder_first_name_does_not_travel_back_to_eekonomi() -> None:
    first, last = split_contact_name("Mats")
    record = pm_record(contacts=[pm_contact("mats", created=1, firstName=first, lastName=last)])
    customer = from_severa_customer(record, pm_reference())
    assert to_eekonomi_fields(customer, None)["ContactPersonName"] == "Mats"
