"""Property (rules I4, I5, I6): every PM invoice brygga maps either becomes a draft body that the official
CustomerInvoiceDraftApi schema accepts, or is rejected by ``check_invoice`` with a rule id, before any call.

The generated PM invoices cross every limit brygga knows of (references around 100 characters, the address
line around 50, row texts around 2000), use unknown, inactive and mismatched articles, and leave address
parts out. Article rows always have both a quantity and a price, as Severa's rows do (a row with only one of
them is a separate, known problem: see ``test_invoice_drafts``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import simplejson
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from brygga.mapping.invoice_drafts import check_invoice, to_eekonomi_draft
from brygga.mapping.severa_invoices import from_severa_invoice
from brygga.severa.invoice_models import FreeText, InvoiceAddress
from brygga.severa.invoice_models import Invoice as SeveraInvoice
from brygga.severa.invoice_models import InvoiceRow as SeveraInvoiceRow
from tests.mapping.builders import guid, pm_reference
from tests.mapping.invoice_builders import PROJECT_ITEM, TERMS_ID, draft_context, pm_invoice, pm_row
from tests.support.spec_validation import SpecValidator

DRAFTS_URL = "http://e.test/v2/customerinvoicedrafts"
REJECTING_RULES = {"I4", "I5", "I6"}

letters = st.characters(codec="utf-8")  # any character JSON can carry (no lone surrogates)


def text_near(limit: int) -> st.SearchStrategy[str]:
    """Mostly short text; one time in five exactly ``limit`` characters or one more."""
    short = st.text(letters, max_size=12)
    near = st.sampled_from([limit, limit + 1]).map(lambda size: "r" * size)
    return st.integers(0, 4).flatmap(lambda n: near if n == 0 else short)


def optional_text_near(limit: int) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), text_near(limit))


codes = st.sampled_from([None, [], ["P-100"], ["A-902"], ["B-600"], ["M-000"], ["A-903"], ["X-1"], ["DIV"]])
vat_percents = st.sampled_from([None, "0", "6", "12", "25"])
quantities = st.decimals(min_value=-1000, max_value=1000, places=2)
prices = st.decimals(min_value=0, max_value=100_000, places=2)


@st.composite
def pm_rows(draw: st.DrawFn) -> SeveraInvoiceRow:
    description = draw(optional_text_near(2000))
    if draw(st.booleans()):  # no quantity and no price: a text row
        return pm_row(codes=None, quantity=None, price=None, vat_percent=None, description=description)
    return pm_row(
        codes=draw(codes),
        quantity=str(draw(quantities)),
        price=str(draw(prices)),
        vat_percent=draw(vat_percents),
        description=description,
        cost_center=draw(st.sampled_from([None, "HAMN", "2004", "OKÄND"])),
    )


def addresses() -> st.SearchStrategy[InvoiceAddress | None]:
    complete = st.builds(
        InvoiceAddress,
        addressline=text_near(50).map(lambda line: line if line.strip() else "Gata 1"),
        postalCode=st.sampled_from(["111 22", "EC1A 1BB"]),
        city=st.sampled_from(["Stockholm", "Åre"]),
        country=st.sampled_from(["Sverige", "Norway"]),
    )
    partial = st.builds(
        InvoiceAddress,
        addressline=optional_text_near(50),
        postalCode=st.sampled_from([None, "", "111 22"]),
        city=st.sampled_from([None, " ", "Stockholm"]),
        country=st.sampled_from([None, "Sverige", "Atlantis"]),
    )
    # Mostly complete, so that the checks after I5 and the body itself get examples too.
    return st.integers(0, 9).flatmap(lambda n: st.none() if n == 0 else partial if n == 1 else complete)


@st.composite
def pm_invoices(draw: st.DrawFn) -> SeveraInvoice:
    return pm_invoice(
        guid=guid(f"pm-invoice-{draw(st.integers(0, 10_000))}"),
        receiverAddress=draw(addresses()),
        yourReference=draw(optional_text_near(100)),
        ourReference=draw(optional_text_near(100)),
        notes=draw(optional_text_near(2000)),
        freeText1=FreeText(plainText=draw(optional_text_near(2000))),
        freeText2=FreeText(plainText=draw(optional_text_near(2000))),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    wire=pm_invoices(),
    rows=st.lists(pm_rows(), max_size=6),
    slot=st.integers(1, 3),
    project_item=st.sampled_from([None, PROJECT_ITEM]),
    terms_id=st.sampled_from([None, TERMS_ID]),
    invoice_date=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
)
def test_i6_every_draft_body_fits_the_official_schema_or_the_invoice_is_rejected_with_a_rule(
    wire: SeveraInvoice,
    rows: list[SeveraInvoiceRow],
    slot: int,
    project_item: str | None,
    terms_id: str | None,
    invoice_date: date,
) -> None:
    invoice = from_severa_invoice(wire, rows, pm_reference())
    ctx = draft_context(slot=slot, project_item=project_item, terms_id=terms_id, invoice_date=invoice_date)

    violation = check_invoice(invoice, ctx)
    if violation is not None:
        event(f"rejected {violation.rule_id}")
        assert violation.rule_id in REJECTING_RULES
        assert violation.message.startswith(f"Could not add invoice for customer {invoice.customer_label} and project")
        assert violation.hint and violation.hint_en
        return

    event("draft")
    body = to_eekonomi_draft(invoice, ctx).to_body()
    content = simplejson.dumps(body, use_decimal=True).encode()
    assert SpecValidator.eekonomi().validate_request("POST", DRAFTS_URL, content, "application/json") == []
    amounts = [(row["Quantity"], row["UnitPrice"]) for row in body["Rows"] if not row["IsTextRow"]]
    assert all(isinstance(value, Decimal) for pair in amounts for value in pair)
