"""What happens to one fuzzed PM object in brygga's planning and mapping, as a verdict.

Each object goes the way the transfer takes it (the same mapping functions and rule checks, in the same order) and
ends in exactly one verdict:

- ``mapped``: the eEkonomi request body validates against the official OpenAPI spec (and, for invoices, the draft
  was created in the emulator and its totals equal brygga's to the öre);
- ``rejected``: a :class:`RuleViolation` with a rule id, a message and Swedish and English hints;
- ``skipped``: what the planner skips with a reason (inactive customers C1, credit invoices I7);
- a failure: ``unexpected`` (any other exception, or a RuleViolation without rule id or hints), ``spec`` (a body
  the official schema refuses), ``ore`` (totals that differ) or ``refused`` (the emulator answered with an error
  that brygga's checks should have caught first).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from brygga.domain import Invoice
from brygga.eekonomi import CustomerInvoiceDraft
from brygga.errors import ApiError, RuleViolation
from brygga.http import jsonio
from brygga.mapping.article_rules import check_article_for_eekonomi
from brygga.mapping.customer_rules import check_for_eekonomi
from brygga.mapping.eekonomi_articles import to_eekonomi_article
from brygga.mapping.eekonomi_articles import to_eekonomi_fields as article_fields
from brygga.mapping.eekonomi_customers import to_eekonomi_customer, to_eekonomi_fields
from brygga.mapping.invoice_drafts import check_address, check_invoice, to_eekonomi_draft
from brygga.mapping.severa_articles import (
    PmArticleReference,
    from_severa_product,
    from_severa_travel_type,
    from_severa_work_type,
)
from brygga.mapping.severa_customers import PmCustomerRecord, from_severa_customer
from brygga.mapping.severa_invoices import from_severa_invoice
from brygga.mapping.severa_projects import from_severa_project, to_cost_center_item
from brygga.money import invoice_totals
from brygga.severa import article_models as sa
from brygga.severa.invoice_models import Invoice as SeveraInvoice
from brygga.severa.invoice_models import InvoiceRow as SeveraInvoiceRow
from brygga.severa.project_models import Project as SeveraProject
from brygga.transfer.invoices.transfer import _totals_mismatch
from brygga.transfer.projects.planner import check_project
from tests.fuzz.world import PM_REFERENCE, World
from tests.support.spec_loading import eekonomi_spec
from tests.support.spec_validation import SpecValidator

__all__ = ["FAILURES", "Verdict", "article_verdict", "customer_verdict", "invoice_verdict", "project_verdict"]

FAILURES = ("unexpected", "spec", "ore", "refused")
SPEC_BASE = "http://eek-fuzz.test/v2"


@dataclass(frozen=True)
class Verdict:
    kind: str  # mapped, rejected, skipped, unexpected, spec, ore, refused
    rule: str = ""
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.kind in FAILURES


def _rejected(violation: RuleViolation) -> Verdict:
    if not (violation.rule_id and violation.message and violation.hint.strip() and violation.hint_en.strip()):
        return Verdict(
            "unexpected", violation.rule_id, f"RuleViolation without rule id, message or hints: {violation!r}"
        )
    return Verdict("rejected", violation.rule_id, violation.message)


def _spec_problems(path: str, body: dict[str, Any]) -> list[str]:
    """The official schema's verdict on the request body, plus what eEkonomi's ``[Required]`` adds to the schema's
    ``required``: a required text may not be empty or white space ("The Name field is required.")."""
    problems = SpecValidator.eekonomi().validate_request(
        "POST", f"{SPEC_BASE}{path}", jsonio.dumps(body), "application/json; charset=utf-8"
    )
    blank = [name for name in _required(path) if isinstance(body.get(name), str) and not body[name].strip()]
    return problems + [f"request body $.{name}: required, but blank" for name in blank]


@cache
def _required(path: str) -> tuple[str, ...]:
    spec = eekonomi_spec()
    content = spec["paths"][path]["post"]["requestBody"]["content"]
    reference = next(iter(content.values()))["schema"]["$ref"]
    return tuple(spec["components"]["schemas"][reference.rsplit("/", 1)[-1]].get("required", ()))


def customer_verdict(record: PmCustomerRecord, world: World) -> Verdict:
    try:
        customer = from_severa_customer(record, PM_REFERENCE)
        if not customer.is_active:
            return Verdict("skipped", "C1")
        terms = world.eek_ref.terms_for_days(customer.payment_days)
        fields = to_eekonomi_fields(customer, terms.id if terms else None)
        violation = check_for_eekonomi(customer, fields, world.eek_ref, PM_REFERENCE)
        if violation is not None:
            return _rejected(violation)
        body = to_eekonomi_customer(fields).to_body()
    except RuleViolation as violation:
        return _rejected(violation)
    except Exception as exc:
        return Verdict("unexpected", detail=f"{type(exc).__name__}: {exc}")
    problems = _spec_problems("/customers", body)
    return Verdict("spec", detail="; ".join(problems)) if problems else Verdict("mapped")


def article_verdict(
    item: sa.Product | sa.WorkType | sa.TravelExpenseType, pm_ref: PmArticleReference, world: World
) -> Verdict:
    ref = world.article_ref
    try:
        if isinstance(item, sa.Product):
            article = from_severa_product(item)
        elif isinstance(item, sa.WorkType):
            article = from_severa_work_type(item, pm_ref)
        else:
            article = from_severa_travel_type(item, pm_ref)
        coding = ref.service_coding(article.vat_rate) if article.vat_rate is not None else None
        unit = ref.unit_for(article)
        fields = article_fields(article, coding.id if coding else None, unit.id if unit else None)
        violation = check_article_for_eekonomi(article, fields, ref)
        if violation is not None:
            return _rejected(violation)
        body = to_eekonomi_article(fields).to_body()
    except RuleViolation as violation:
        return _rejected(violation)
    except Exception as exc:
        return Verdict("unexpected", detail=f"{type(exc).__name__}: {exc}")
    problems = _spec_problems("/articles", body)
    return Verdict("spec", detail="; ".join(problems)) if problems else Verdict("mapped")


def project_verdict(wire: SeveraProject, world: World) -> Verdict:
    try:
        project = from_severa_project(wire)
        violation = check_project(project)
        if violation is not None:
            return _rejected(violation)
        body = to_cost_center_item(project, world.cost_center_id).to_body()
    except RuleViolation as violation:
        return _rejected(violation)
    except Exception as exc:
        return Verdict("unexpected", detail=f"{type(exc).__name__}: {exc}")
    problems = _spec_problems("/costcenteritems", body)
    return Verdict("spec", detail="; ".join(problems)) if problems else Verdict("mapped")


def invoice_verdict(wire: SeveraInvoice, rows: list[SeveraInvoiceRow], world: World, *, create: bool = True) -> Verdict:
    try:
        invoice = from_severa_invoice(wire, rows, PM_REFERENCE)
        if invoice.is_credit:
            return Verdict("skipped", "I7")
        violation = check_address(invoice)
        project_item = world.items_by_short.get(invoice.project_number or "")
        context = world.draft_context(invoice.payment_days, project_item)
        violation = violation or check_invoice(invoice, context)
        if violation is not None:
            return _rejected(violation)
        draft = to_eekonomi_draft(invoice, context)
        body = draft.to_body()
    except RuleViolation as violation:
        return _rejected(violation)
    except Exception as exc:
        return Verdict("unexpected", detail=f"{type(exc).__name__}: {exc}")
    problems = _spec_problems("/customerinvoicedrafts", body)
    if problems:
        return Verdict("spec", detail="; ".join(problems))
    if not create:
        return Verdict("mapped")
    try:
        created = world.create_draft(draft)
    except ApiError as exc:
        return Verdict("refused", detail=f"{exc.status} {exc.error_code}: {exc.developer_message or exc}")
    return _totals_verdict(invoice, draft, created, world)


def _totals_verdict(
    invoice: Invoice, draft: CustomerInvoiceDraft, created: CustomerInvoiceDraft, world: World
) -> Verdict:
    """brygga's expectation equals eEkonomi's to the öre: PM's gross as the transfer compares it after creating the
    draft (``_totals_mismatch``), PM's net and VAT, and brygga's own totals of the rows it sent."""
    if created.total_amount is None or created.total_vat_amount is None:
        return Verdict("ore", detail="the emulator's draft has no totals")
    roundings = created.total_roundings or Decimal(0)
    eek_gross = created.total_amount - roundings
    eek_vat = created.total_vat_amount
    eek_net = eek_gross - eek_vat
    sent = [
        (row.quantity, row.unit_price, world.coding_vat.get(world_article_coding(world, row.article_id)) or Decimal(0))
        for row in draft.rows or []
        if not row.is_text_row and row.quantity is not None and row.unit_price is not None
    ]
    ours = invoice_totals(sent)
    differences = []
    mismatch = _totals_mismatch(invoice, created)
    if mismatch is not None:
        differences.append(f"I6 totals check: {mismatch.message}")
    pm = (invoice.total_excluding_vat, invoice.total_vat, invoice.total_including_vat)
    if pm != (eek_net, eek_vat, eek_gross):
        differences.append(f"PM net/VAT/gross {pm} != eEkonomi {(eek_net, eek_vat, eek_gross)}")
    if (ours.net, ours.vat, ours.total) != (eek_net, eek_vat, eek_gross):
        differences.append(
            f"brygga.money {(ours.net, ours.vat, ours.total)} != eEkonomi {(eek_net, eek_vat, eek_gross)}"
        )
    return Verdict("ore", detail="; ".join(differences)) if differences else Verdict("mapped")


def world_article_coding(world: World, article_id: str | None) -> str:
    return next((a.coding_id or "" for a in world.articles.values() if a.id == article_id), "")
