"""Issue 11, point 7 on the settings form: labels without rule ids (the id on a small line of its own), and
dropdowns that show their values in words, in the page's language."""

from __future__ import annotations

import re

import httpx

from brygga.web.settings_form import setting_fields


def test_setting_labels_carry_no_rule_id_and_the_rule_has_its_own_line() -> None:
    for lang in ("sv", "en"):
        fields = setting_fields({}, lang)
        assert all(not re.match(r"^[SO]\d", field.label) for field in fields), [f.label for f in fields]
        assert all(not re.search(r"\([SO]\d+\)", field.help) for field in fields), [f.help for f in fields]
        by_key = {field.key: field for field in fields}
        assert by_key["master_customers"].rule == "S1" and by_key["invoice_date"].rule == "S8"


def test_dropdowns_show_words_not_stored_values_in_both_languages() -> None:
    swedish = {field.key: dict(field.choices) for field in setting_fields({}, "sv") if field.choices}
    assert swedish["master_customers"] == {"pm": "Visma PM", "eekonomi": "Visma eEkonomi"}
    assert swedish["supplier_costs"] == {"billable": "Fakturerbar", "non_billable": "Ej fakturerbar"}
    assert swedish["supplier_invoice_period"]["this_month"] == "Denna månad"
    english = {field.key: dict(field.choices) for field in setting_fields({}, "en") if field.choices}
    assert english["supplier_costs"] == {"billable": "Billable", "non_billable": "Not billable"}
    assert english["supplier_invoice_period"]["this_month"] == "This month"
    for choices in (*swedish.values(), *english.values()):
        assert all(value != words for value, words in choices.items()), choices


async def test_the_settings_form_shows_words_and_a_rule_line(admin: httpx.AsyncClient) -> None:
    page = (await admin.get("/?lang=sv")).text
    assert re.search(r'<option value="billable"\s*>Fakturerbar</option>', page)
    assert re.search(r'<option value="this_month"\s+selected>Denna månad</option>', page)
    assert '<label for="s-master_customers">Huvudsystem för kunder</label>' in page
    assert re.search(r'<small class="rule" data-rule="S1">Regel S1</small>', page)
    english = (await admin.get("/?lang=en")).text
    assert re.search(r'<option value="non_billable"\s+selected>Not billable</option>', english)
    assert '<label for="s-master_customers">Master system for customers</label>' in english
    assert re.search(r'<small class="rule" data-rule="S1">Rule S1</small>', english)
