"""The month-end report as CSV in the Swedish Excel dialect: semicolons, decimal comma, UTF-8 with a byte order
mark (so Excel reads åäö), CRLF line ends. One table: a ``Typ`` column says what each row is (an invoice, a total per
currency, a skipped credit invoice, an order turned into a draft), so the file sorts and filters in Excel."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal

from brygga.calendar_se import local_time
from brygga.report.model import InvoiceLine, MonthReport
from brygga.report.texts import differences_text, money, state_text, text

__all__ = ["COLUMNS", "to_csv"]

COLUMNS = (
    "col.type",
    "col.pm_number",
    "col.customer",
    "col.date",
    "col.currency",
    "col.net_pm",
    "col.vat_pm",
    "col.gross_pm",
    "col.net_eek",
    "col.vat_eek",
    "col.gross_eek",
    "col.rounding",
    "col.state",
    "col.eek_number",
    "col.difference",
    "col.note",
)


class SwedishExcel(csv.Dialect):
    delimiter = ";"
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL


def to_csv(report: MonthReport, lang: str = "sv") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=SwedishExcel)
    writer.writerow([text(column, lang) for column in COLUMNS])
    for line in report.invoices:
        writer.writerow(_invoice_row(line, lang))
    for totals in report.totals():
        pm, eek = totals.pm, totals.eek
        writer.writerow(
            [text("type.total", lang), str(totals.count), "", "", totals.currency]
            + [_amount(value) for value in (pm.net, pm.vat, pm.gross, eek.net, eek.vat, eek.gross)]
            + ["", "", "", ", ".join(text(f"diff.{name}", lang) for name in pm.differing(eek)), ""]
        )
    for skip in report.credit_skipped:
        credit = [text("type.credit", lang), skip.object_key, skip.name, _date(skip.at)]
        writer.writerow(credit + [""] * 11 + [skip.reason])
    for order in report.orders:
        writer.writerow(
            [text("type.order", lang), order.order_number, order.customer, _date(order.at), order.currency]
            + [""] * 5
            + [_amount(order.total), "", text("state.draft", lang), "", "", order.draft_id]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _invoice_row(line: InvoiceLine, lang: str) -> list[str]:
    pm, eek = line.pm, line.eek
    return [
        text("type.invoice", lang),
        line.pm_number,
        line.customer,
        _date(line.transferred_at),
        line.currency,
        _amount(pm.net if pm else None),
        _amount(pm.vat if pm else None),
        _amount(pm.gross if pm else None),
        _amount(eek.net if eek else None),
        _amount(eek.vat if eek else None),
        _amount(eek.gross if eek else None),
        _amount(line.roundings) if eek else "",
        state_text(line.eek_state, lang),
        str(line.eek_number or ""),
        differences_text(line, lang),
        line.pm_id,
    ]


def _amount(value: Decimal | None) -> str:
    return money(value, grouped=False)


def _date(moment: datetime | None) -> str:
    return local_time(moment)[:10]
