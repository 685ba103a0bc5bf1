"""The canonical invoice -> an eEkonomi customer invoice draft (rules I2, I3, I4, I8), and the checks before it
is sent (I5, I6).

The draft carries brygga's marker in ``ContractNumber`` ("PM <invoice guid>"): the one writable header field that
is long enough, survives booking into the invoice, and that nothing else in this integration uses. A re-run that
finds a draft or a booked invoice with the marker adopts it instead of creating a second one (I8). The marker is
visible in eEkonomi as the contract number of the draft.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from brygga.domain import Invoice, InvoiceRow
from brygga.eekonomi.models_articles import Article as EekArticle
from brygga.eekonomi.models_invoices import CustomerInvoiceDraft, CustomerInvoiceDraftRow
from brygga.errors import RuleViolation
from brygga.hints import hint_for
from brygga.money import ORE

__all__ = ["DraftContext", "check_address", "check_invoice", "draft_marker", "invoice_date_for", "to_eekonomi_draft"]

# CustomerInvoiceDraftApi maxLengths brygga fills (from the official spec).
DRAFT_LIMITS = {"YourReference": 100, "OurReference": 100, "InvoiceAddress1": 50, "ContractNumber": 100}
ROW_TEXT_LIMIT = 2000


def draft_marker(invoice: Invoice) -> str:
    return f"PM {invoice.pm_id}"


def invoice_date_for(invoice: Invoice, mode: str, today: date) -> date:
    """Rule S8: the transfer date (the original's behaviour), or PM's date unless it lies in the future."""
    if mode == "source_date" and invoice.invoice_date is not None and invoice.invoice_date <= today:
        return invoice.invoice_date
    return today


@dataclass(frozen=True)
class DraftContext:
    customer_id: str
    terms_id: str | None
    invoice_date: date
    articles: Mapping[str, EekArticle]  # by number
    default_article: EekArticle
    vat_of: Callable[[EekArticle], Decimal | None]  # the article's coding's VAT rate (fraction)
    slot: int  # which CostCenterItemId (1..3) holds projects: the number of the S3 cost center
    project_item: str | None
    item_for_cost_center: Callable[[str], str | None]

    def article_for(self, row: InvoiceRow) -> EekArticle | None:
        return self.articles.get(row.code) if row.code else self.default_article


def _prefix(invoice: Invoice) -> str:
    return (
        f"Could not add invoice for customer {invoice.customer_label} and project {invoice.project_label} to "
        "Visma eAccounting"
    )


def check_invoice(invoice: Invoice, ctx: DraftContext) -> RuleViolation | None:
    return (
        check_address(invoice)
        or _check_lengths(invoice)
        or _check_has_amounts(invoice)
        or _check_rows(invoice, ctx)
        or _check_decimals(invoice)
    )


def check_address(invoice: Invoice) -> RuleViolation | None:
    """Rule I5, in the original's words."""
    if invoice.address is not None and invoice.address.is_complete():
        return None
    hint = hint_for("I5")
    return RuleViolation("I5", f"{_prefix(invoice)}, because invoice address is missing.", hint=hint)


def _check_lengths(invoice: Invoice) -> RuleViolation | None:
    """Rule I6: eEkonomi's limits, checked before sending, in eEkonomi's format."""
    values = {
        "YourReference": invoice.your_reference,
        "OurReference": invoice.our_reference,
        "InvoiceAddress1": invoice.address.line1 if invoice.address else None,
    }
    too_long = [
        f"The field {name} must be a string with a maximum length of {DRAFT_LIMITS[name]}."
        for name, value in values.items()
        if value and len(value) > DRAFT_LIMITS[name]
    ]
    too_long += [
        f"The field Text must be a string with a maximum length of {ROW_TEXT_LIMIT}."
        for row in invoice.rows
        if len(row.text) > ROW_TEXT_LIMIT
    ][:1]
    if not too_long:
        return None
    hint = hint_for("I6:address" if too_long[0].startswith("The field InvoiceAddress1") else "I6:length")
    return RuleViolation(
        "I6",
        f"{_prefix(invoice)}. ErrorCode: 2000, DeveloperErrorMessage: ValidateModelAttributeException - "
        + " ".join(too_long),
        hint=hint,
    )


def _check_has_amounts(invoice: Invoice) -> RuleViolation | None:
    """Rule I4: eEkonomi refuses a draft without a row that carries an article (only text rows, or none)."""
    if any(not row.is_text for row in invoice.rows):
        return None
    return RuleViolation(
        "I4",
        f"{_prefix(invoice)}. ErrorCode: 2000, DeveloperErrorMessage: ValidateModelAttributeException - When creating "
        "a customer invoice, at least one row must include an article ID.",
        hint="Fakturan har inga rader med antal och pris, bara text. Lägg till en rad med belopp på fakturan i "
        "Visma PM, eller ta bort fakturan om den inte ska skickas.",
        hint_en="The invoice has no rows with a quantity and a price, only text. Add a row with an amount to the "
        "invoice in Visma PM, or delete the invoice if it is not to be sent.",
        title="Fakturan har inga rader med belopp",
        title_en="The invoice has no rows with an amount",
    )


def two_places(value: Decimal) -> Decimal | None:
    """``value`` as eEkonomi takes a row's Quantity and UnitPrice, at most two decimals: as it is when it has them
    ("0.30"), without surplus zeros ("12.3400" is sent as 12.34, "1E+2" as 100), or None when it has more
    significant decimals (rounding would change the amount)."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or value.adjusted() >= 24:  # not finite, or beyond Decimal's 28 digits
        return None
    if -2 <= exponent <= 0:
        return value
    if exponent > 0:
        return value.quantize(Decimal(1))
    rounded = value.quantize(ORE)
    return rounded if rounded == value else None


def _check_decimals(invoice: Invoice) -> RuleViolation | None:
    """Rule I6: eEkonomi takes Quantity and UnitPrice with at most two decimals; rounding PM's value would change
    the invoice's amount, so it is refused before sending, in eEkonomi's words."""
    for row in invoice.rows:
        for name, value in (("Quantity", row.quantity), ("UnitPrice", row.unit_price)):
            if row.is_text or value is None or two_places(value) is not None:
                continue
            return RuleViolation(
                "I6",
                f"{_prefix(invoice)}. ErrorCode: 2000, DeveloperErrorMessage: ValidateModelAttributeException - "
                f"The field {name} must match the regular expression '[-]?\\d+(\\.\\d{{1,2}})?'.",
                hint=f'Raden "{row.text}" har {"antal" if name == "Quantity" else "à-pris"} {value} med fler än två '
                "decimaler, vilket Visma eEkonomi inte tar emot. Avrunda värdet till två decimaler på fakturan i "
                "Visma PM.",
                hint_en=f'The row "{row.text}" has a {"quantity" if name == "Quantity" else "unit price"} of {value} '
                "with more than two decimals, which Visma eEkonomi does not accept. Round it to two decimals on the "
                "invoice in Visma PM.",
                title="Fler än två decimaler på en fakturarad",
                title_en="More than two decimals on an invoice row",
            )
    return None


def _check_rows(invoice: Invoice, ctx: DraftContext) -> RuleViolation | None:
    """Rules I4/I6: every row's article exists and is active in eEkonomi, and its VAT rate is the row's."""
    for row in invoice.rows:
        if row.is_text:
            continue
        if row.quantity is None or row.unit_price is None:
            hint = hint_for("I4:amounts")
            return RuleViolation("I4", f'{_prefix(invoice)}: raden "{row.text}" saknar antal eller pris.', hint=hint)
        article = ctx.article_for(row)
        if article is None:
            hint = hint_for("I4:article", code=row.code)
            return RuleViolation(
                "I4",
                f"{_prefix(invoice)}: artikeln {row.code} finns inte i Visma eEkonomi.",
                hint=hint,
            )
        if not article.is_active:
            hint = hint_for("I6:inactive", code=article.number)
            return RuleViolation(
                "I6",
                f"{_prefix(invoice)}. The remote server returned an error: (409) Conflict",
                hint=hint,
            )
        vat = ctx.vat_of(article)
        # A PM row without a VAT rate carries no VAT in PM's totals: it agrees only with a 0 % article.
        row_vat = row.vat_rate if row.vat_rate is not None else Decimal(0)
        if vat is not None and vat != row_vat:
            hint = hint_for("I4:vat", code=article.number)
            pm_vat = "saknar moms" if row.vat_rate is None else f"har {_percent(row.vat_rate)} % moms"
            return RuleViolation(
                "I4",
                f'{_prefix(invoice)}: raden "{row.text}" {pm_vat} i Visma PM men artikeln '
                f"{article.number} har {_percent(vat)} % i Visma eEkonomi.",
                hint=hint,
            )
    return None


def _percent(rate: Decimal) -> str:
    """0.245 -> "24.5", 0.25 -> "25": a VAT rate as the user wrote it, not rounded to a whole percent."""
    return f"{(rate * 100).normalize():f}"


def _row(row: InvoiceRow, ctx: DraftContext) -> CustomerInvoiceDraftRow:
    if row.is_text:
        return CustomerInvoiceDraftRow(is_text_row=True, text=row.text, reversed_construction_services_vat_free=False)
    article = ctx.article_for(row)
    assert article is not None
    item = ctx.item_for_cost_center(row.cost_center_number) if row.cost_center_number else None
    draft_row = CustomerInvoiceDraftRow(
        is_text_row=False,
        article_id=article.id,
        article_number=article.number,
        text=row.text or article.name,
        quantity=two_places(row.quantity) if row.quantity is not None else None,
        unit_price=two_places(row.unit_price) if row.unit_price is not None else None,
        reversed_construction_services_vat_free=False,
    )
    item = item or ctx.project_item
    if item is not None:
        setattr(draft_row, f"cost_center_item_id{ctx.slot}", item)
    return draft_row


def to_eekonomi_draft(invoice: Invoice, ctx: DraftContext) -> CustomerInvoiceDraft:
    return CustomerInvoiceDraft(
        customer_id=ctx.customer_id,
        is_credit_invoice=False,
        rot_reduced_invoicing_type=0,
        eu_third_party=False,
        rows=[_row(row, ctx) for row in invoice.rows],
        your_reference=invoice.your_reference,
        our_reference=invoice.our_reference,
        contract_number=draft_marker(invoice),
        invoice_address1=invoice.address.line1 if invoice.address else None,
        terms_of_payment_id=ctx.terms_id,
        invoice_date=ctx.invoice_date,
    )
