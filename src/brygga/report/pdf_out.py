"""The month-end report as a PDF a person can file: company, month, when it was made, the summary, the invoices with
Visma PM's and Visma eEkonomi's totals side by side (differences marked in red and named), totals per currency, the
credit invoices skipped and the orders turned into drafts. A4 landscape, drawn with reportlab; the font (DejaVu's
ancestor Bitstream Vera, shipped with reportlab) is embedded, so åäö print and can be searched and copied."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from brygga.calendar_se import local_time
from brygga.report.model import InvoiceLine, MonthReport
from brygga.report.texts import differences_text, findings_text, money, month_title, state_text, text

__all__ = ["to_pdf"]

_FONT, _BOLD = "BryggaVera", "BryggaVera-Bold"
_DIFFERENCE = colors.HexColor("#fde2e1")
_DIFFERENCE_TEXT = colors.HexColor("#a4161a")
_HEAD = colors.HexColor("#e8eef5")


def _fonts() -> None:
    if _FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(_FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(_BOLD, str(folder / "VeraBd.ttf")))


def _style(size: float = 8, *, bold: bool = False, color: colors.Color = colors.black) -> ParagraphStyle:
    return ParagraphStyle(
        "cell", fontName=_BOLD if bold else _FONT, fontSize=size, leading=size * 1.25, textColor=color
    )


def to_pdf(report: MonthReport, lang: str = "sv") -> bytes:
    _fonts()
    buffer = io.BytesIO()
    title = f"{text('title', lang)} {month_title(report.month, lang)}"
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=f"{title} – {report.company_name}",
        author="brygga",
    )

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(_FONT, 7)
        canvas.drawString(12 * mm, 8 * mm, f"{report.company_name} · {title}")
        canvas.drawRightString(landscape(A4)[0] - 12 * mm, 8 * mm, f"{text('page', lang)} {doc.page}")
        canvas.restoreState()

    document.build(_story(report, lang, title), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _story(report: MonthReport, lang: str, title: str) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(escape(title), _style(16, bold=True)),
        Spacer(1, 3 * mm),
        Paragraph(f"{text('company', lang)}: {escape(report.company_name)} ({escape(report.company_id)})", _style(10)),
        Paragraph(f"{text('month', lang)}: {report.month}", _style(10)),
        Paragraph(
            f"{text('generated', lang)}: {local_time(report.generated_at)} ({text('swedish_time', lang)})", _style(10)
        ),
        Spacer(1, 5 * mm),
    ]
    if report.future:
        return [*story, Paragraph(escape(text("future", lang)), _style(11))]
    story += [Paragraph(text("summary", lang), _style(12, bold=True)), Spacer(1, 2 * mm), _summary(report, lang)]
    story += [Spacer(1, 6 * mm), Paragraph(text("invoices", lang), _style(12, bold=True)), Spacer(1, 2 * mm)]
    if report.invoices:
        story += [_invoice_table(report, lang), Spacer(1, 2 * mm), Paragraph(text("rounding_note", lang), _style(7))]
    else:
        story.append(Paragraph(escape(text("empty", lang)), _style(10)))
    if report.credit_skipped:
        rows = [[skip.name, local_time(skip.at)[:10], skip.reason] for skip in report.credit_skipped]
        head = [text("col.customer", lang), text("col.date", lang), text("col.note", lang)]
        story += _listing(text("credit", lang), head, rows, [110 * mm, 30 * mm, 120 * mm])
    if report.orders:
        rows = [
            [order.order_number, order.customer, local_time(order.at)[:10], f"{money(order.total)} {order.currency}"]
            for order in report.orders
        ]
        head = [text("col.order", lang), text("col.customer", lang), text("col.date", lang), text("col.total", lang)]
        story += _listing(text("orders", lang), head, rows, [40 * mm, 110 * mm, 30 * mm, 40 * mm])
    return story


def _summary(report: MonthReport, lang: str) -> Table:
    rows = [
        (text("transferred", lang), str(len(report.invoices))),
        (text("booked", lang), str(report.booked)),
        (text("paid", lang), str(report.paid)),
        (text("differing", lang), str(len(report.with_differences))),
        (text("credit", lang), str(len(report.credit_skipped))),
        (text("orders", lang), str(len(report.orders))),
        (text("findings", lang), findings_text(report, lang)),
    ]
    table = Table([[Paragraph(escape(a), _style(9)), Paragraph(escape(b), _style(9, bold=True))] for a, b in rows])
    table.hAlign = "LEFT"
    style: list[tuple[Any, ...]] = [("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)]
    if report.with_differences:
        style.append(("BACKGROUND", (0, 3), (-1, 3), _DIFFERENCE))
    table.setStyle(TableStyle(style))
    return table


_AMOUNT_COLUMNS = {"net": (4, 7), "vat": (5, 8), "gross": (6, 9)}  # PM's and eEkonomi's column of each amount


def _invoice_table(report: MonthReport, lang: str) -> Table:
    keys = ["col.pm_number", "col.customer", "col.date", "col.currency", "col.net_pm", "col.vat_pm", "col.gross_pm"]
    keys += ["col.net_eek", "col.vat_eek", "col.gross_eek", "col.state", "col.eek_number_short", "col.difference"]
    data: list[list[object]] = [[Paragraph(escape(text(key, lang)), _style(7, bold=True)) for key in keys]]
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD),
        ("FONT", (0, 1), (-1, -1), _FONT, 7.5),
        ("ALIGN", (4, 1), (9, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
    ]
    for row_number, line in enumerate(report.invoices, start=1):
        data.append(_invoice_cells(line, lang))
        for column in _marked_columns(line):
            style += [
                ("BACKGROUND", (column, row_number), (column, row_number), _DIFFERENCE),
                ("TEXTCOLOR", (column, row_number), (column, row_number), _DIFFERENCE_TEXT),
            ]
    for totals in report.totals():
        pm, eek = totals.pm, totals.eek
        amounts = [money(value) for value in (pm.net, pm.vat, pm.gross, eek.net, eek.vat, eek.gross)]
        differing = ", ".join(text(f"diff.{name}", lang) for name in pm.differing(eek))
        note = Paragraph(escape(differing), _style(7.5, bold=True, color=_DIFFERENCE_TEXT)) if differing else ""
        data.append([f"{text('type.total', lang)} ({totals.count})", "", "", totals.currency, *amounts, "", "", note])
        row_number = len(data) - 1
        style += [
            ("FONT", (0, row_number), (-1, row_number), _BOLD, 7.5),
            ("LINEABOVE", (0, row_number), (-1, row_number), 0.8, colors.black),
        ]
    widths = [20, 44, 17, 15, 19, 19, 19, 19, 19, 19, 19, 21, 0]
    widths[-1] = 273 - sum(widths)
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _invoice_cells(line: InvoiceLine, lang: str) -> list[object]:
    pm, eek = line.pm, line.eek
    difference = differences_text(line, lang)
    return [
        line.pm_number,
        Paragraph(escape(line.customer), _style(7.5)),
        local_time(line.transferred_at)[:10],
        line.currency,
        money(pm.net if pm else None),
        money(pm.vat if pm else None),
        money(pm.gross if pm else None),
        money(eek.net if eek else None),
        money(eek.vat if eek else None),
        money(eek.gross if eek else None),
        state_text(line.eek_state, lang),
        str(line.eek_number or ""),
        Paragraph(escape(difference), _style(7.5, bold=True, color=_DIFFERENCE_TEXT)) if difference else "",
    ]


def _marked_columns(line: InvoiceLine) -> list[int]:
    columns = [column for name in line.differences for column in _AMOUNT_COLUMNS.get(name, ())]
    if not columns and line.differences:  # one side missing: its amounts are empty, the note says which
        columns = [12]
    return [*columns, 12] if columns and 12 not in columns else columns


def _listing(title: str, head: list[str], rows: list[list[str]], widths: list[float]) -> list[Flowable]:
    data = [[Paragraph(escape(cell), _style(7.5, bold=True)) for cell in head]]
    data += [[Paragraph(escape(cell), _style(7.5)) for cell in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.hAlign = "LEFT"
    table.setStyle(
        TableStyle([("BACKGROUND", (0, 0), (-1, 0), _HEAD), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)])
    )
    # The heading stays with the start of its table: never alone at the foot of a page.
    return [
        Spacer(1, 6 * mm),
        KeepTogether([Paragraph(escape(title), _style(12, bold=True)), Spacer(1, 2 * mm), table]),
    ]
