"""Fuzzing PM objects through planning and mapping (issue 12): each generated customer, article, project and invoice
either maps to a body the official eEkonomi schema accepts, or is refused with a rule id and hints, or is skipped by
rule; never another exception. An invoice that maps is created in the eEkonomi emulator and its totals equal
brygga's to the öre. ``make fuzz`` runs the same properties with many more examples."""

from __future__ import annotations

from hypothesis import given

from brygga.mapping.severa_articles import PmArticleReference
from brygga.mapping.severa_customers import PmCustomerRecord
from brygga.severa import article_models as sa
from brygga.severa.invoice_models import Invoice as SeveraInvoice
from brygga.severa.invoice_models import InvoiceRow as SeveraInvoiceRow
from brygga.severa.project_models import Project as SeveraProject
from tests.fuzz import pm_strategies as pm
from tests.fuzz.profile import suite_settings
from tests.fuzz.verdicts import Verdict, article_verdict, customer_verdict, invoice_verdict, project_verdict
from tests.fuzz.world import world

ACCEPTED = ("mapped", "rejected", "skipped")


def assert_accepted(verdict: Verdict) -> None:
    assert verdict.kind in ACCEPTED, f"{verdict.kind}: {verdict.detail}"


@suite_settings(80)
@given(pm.customer_records())
def test_c5_c6_c10_c11_a_fuzzed_customer_maps_to_a_valid_body_or_is_rejected_by_rule(record: PmCustomerRecord) -> None:
    assert_accepted(customer_verdict(record, world()))


@suite_settings(80)
@given(pm.articles())
def test_a3_a8_a_fuzzed_article_maps_to_a_valid_body_or_is_rejected_by_rule(
    item: tuple[sa.Product | sa.WorkType | sa.TravelExpenseType, PmArticleReference],
) -> None:
    assert_accepted(article_verdict(*item, world()))


@suite_settings(60)
@given(pm.projects())
def test_p2_p4_a_fuzzed_project_maps_to_a_valid_item_or_is_rejected_by_rule(project: SeveraProject) -> None:
    assert_accepted(project_verdict(project, world()))


@suite_settings(120)
@given(pm.invoices())
def test_i4_i6_a_fuzzed_invoice_maps_and_its_totals_equal_the_emulators_to_the_ore(
    invoice: tuple[SeveraInvoice, list[SeveraInvoiceRow]],
) -> None:
    assert_accepted(invoice_verdict(*invoice, world()))
