"""Månadsrapport: ``GET /report?month=YYYY-MM`` for the chosen company (last month in Swedish time by default), and
the same report as ``/report.csv`` (Swedish Excel) and ``/report.pdf`` to file. The report is read from both systems
on each request (``brygga.report``); a company that is not connected gets the reason and a link to Anslutningar."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from brygga.errors import BryggaError, ConfigError
from brygga.report import Month, MonthReport, build_month_report
from brygga.report.csv_out import to_csv
from brygga.report.texts import differences_text, findings_text, money, month_title, state_text
from brygga.web.pages import PageKit, lang_of
from brygga.web.texts_report import report_translator

__all__ = ["report_router"]


def report_router(kit: PageKit) -> APIRouter:
    router = APIRouter(dependencies=[Depends(kit.require_admin), Depends(kit.require_csrf)])

    async def build(request: Request, month: Month) -> MonthReport:
        store = await kit.store(request)
        return await build_month_report(store, kit.settings.model_copy(update={"tenant": store.tenant}), month)

    @router.get("/report")
    async def report_page(request: Request) -> Response:
        lang = lang_of(request)
        rt = report_translator(lang)
        month, bad = _month(request)
        context: dict[str, Any] = {"rt": rt, "month": month, "bad_month": bad, "report": None, "problem": None}
        context["title_month"] = month_title(month, lang)
        if not bad:
            try:
                context["report"] = await build(request, month)
            except BryggaError as exc:  # not connected, not reachable: said in words with what to do, no traceback
                context["problem"] = _problem(exc, lang)
        if context["report"] is not None:
            context.update(_view(context["report"], lang))
        return kit.render(request, "report.html", status_code=422 if bad else 200, **context)

    @router.get("/report.csv")
    async def report_csv(request: Request) -> Response:
        return await _download(request, "csv")

    @router.get("/report.pdf")
    async def report_pdf(request: Request) -> Response:
        return await _download(request, "pdf")

    async def _download(request: Request, kind: str) -> Response:
        month, bad = _month(request)
        if bad:
            return RedirectResponse(f"/report?month={request.query_params.get('month', '')}", status_code=303)
        try:
            report = await build(request, month)
        except BryggaError:  # the page says why, in words
            return RedirectResponse(f"/report?month={month}", status_code=303)
        lang = lang_of(request)
        from brygga.report.pdf_out import to_pdf  # reportlab: loaded on the first PDF, not with the app

        body, media = (
            (to_csv(report, lang), "text/csv; charset=utf-8")
            if kind == "csv"
            else (
                to_pdf(report, lang),
                "application/pdf",
            )
        )
        name = f"manadsrapport-{report.company_id}-{month}.{kind}"
        return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return router


def _month(request: Request) -> tuple[Month, bool]:
    """The asked month (default: last month in Sweden) and whether what was asked could not be read."""
    raw = request.query_params.get("month", "").strip()
    if not raw:
        return Month.previous(datetime.now(UTC)), False
    try:
        return Month.parse(raw), False
    except ConfigError:
        return Month.previous(datetime.now(UTC)), True


def _problem(exc: BryggaError, lang: str) -> dict[str, str]:
    english = lang == "en"
    message = (getattr(exc, "message_en", "") if english else "") or getattr(exc, "message", "") or str(exc)
    hint = (getattr(exc, "hint_en", "") if english else "") or getattr(exc, "hint", "") or ""
    return {"message": str(message), "hint": str(hint)}


def _view(report: MonthReport, lang: str) -> dict[str, Any]:
    """What the template shows, already in words: amounts in Swedish style, states and differences named."""
    rows = []
    for line in report.invoices:
        pm, eek = line.pm, line.eek
        rows.append(
            {
                "line": line,
                "pm": [money(getattr(pm, name)) if pm else "" for name in ("net", "vat", "gross")],
                "eek": [money(getattr(eek, name)) if eek else "" for name in ("net", "vat", "gross")],
                "marked": set(line.differences),
                "state": state_text(line.eek_state, lang),
                "difference": differences_text(line, lang),
                "rounding": money(line.roundings) if eek else "",
            }
        )
    totals = [
        {
            "totals": totals,
            "pm": [money(getattr(totals.pm, name)) for name in ("net", "vat", "gross")],
            "eek": [money(getattr(totals.eek, name)) for name in ("net", "vat", "gross")],
            "marked": set(totals.pm.differing(totals.eek)),
        }
        for totals in report.totals()
    ]
    return {
        "rows": rows,
        "total_rows": totals,
        "findings": findings_text(report, lang),
        "money": money,
        "api_reads": sum(report.api_reads.values()),
    }
