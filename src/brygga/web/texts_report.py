"""The words of Månadsrapport (``/report``) and Avstämning (``/reconcile``), Swedish first with English beside. The
report's own labels (columns, summary lines) are ``brygga.report.texts``, shared with the CSV, the PDF and the CLI."""

from __future__ import annotations

from collections.abc import Callable

from brygga.report.texts import TEXTS as REPORT_LABELS

__all__ = ["RECONCILE_TEXTS", "REPORT_TEXTS", "report_translator"]

REPORT_TEXTS: dict[str, tuple[str, str]] = {
    "nav.report": ("Månadsrapport", "Month-end report"),
    "nav.reconcile": ("Avstämning", "Reconcile"),
    "report.intro": (
        "Fakturor som brygga förde över under månaden, med belopp i Visma PM och Visma eEkonomi sida vid sida "
        "(på öret), och vad som bokförts och betalats. Läses direkt från båda systemen; inget skrivs.",
        "Invoices brygga transferred in the month, with the amounts in Visma PM and Visma eEkonomi side by side (to "
        "the öre), and what has been booked and paid. Read from both systems as they are now; nothing is written.",
    ),
    "report.pick": ("Månad", "Month"),
    "report.net": ("Netto", "Net"),
    "report.vat": ("Moms", "VAT"),
    "report.gross": ("Brutto", "Gross"),
    "report.show": ("Visa", "Show"),
    "report.csv": ("Hämta som CSV (Excel)", "Download as CSV (Excel)"),
    "report.pdf": ("Hämta som PDF", "Download as PDF"),
    "report.bad_month": (
        "Skriv månaden som ÅÅÅÅ-MM, till exempel 2026-11.",
        "Write the month as YYYY-MM, e.g. 2026-11.",
    ),
    "report.not_ready": ("Månadsrapporten kan inte tas fram", "The month-end report cannot be made"),
    "report.to_connections": ("Till Anslutningar", "To Connections"),
    "report.all_agree": (
        "Visma PM och Visma eEkonomi har samma belopp för alla fakturor.",
        "Visma PM and Visma eEkonomi have the same amounts for every invoice.",
    ),
    "report.some_differ": (
        "{count} faktura(or) har olika belopp i Visma PM och Visma eEkonomi: de är markerade nedan.",
        "{count} invoice(s) have different amounts in Visma PM and Visma eEkonomi: they are marked below.",
    ),
    "report.to_reconcile": ("Se avstämningen", "See the reconcile"),
    "report.api_reads": ("API-anrop för rapporten", "API calls for the report"),
}

RECONCILE_TEXTS: dict[str, tuple[str, str]] = {
    "reconcile.title": ("Avstämning", "Reconcile"),
    "reconcile.intro": (
        "Läser båda systemen i sin helhet och visar var de inte stämmer överens: objekt som skiljer sig, saknas "
        "eller ändrats i fel system, och fakturor med olika belopp. Inget ändras utan att du ber om det.",
        "Reads both systems whole and shows where they disagree: objects that differ, are missing or were changed "
        "in the wrong system, and invoices with different amounts. Nothing is changed unless you ask.",
    ),
    "reconcile.run": ("Stäm av nu", "Reconcile now"),
    "reconcile.running": ("Avstämning pågår …", "Reconcile running …"),
    "reconcile.busy": ("En avstämning pågår redan; vänta tills den är klar.", "A reconcile is already running."),
    "reconcile.never": ("Ingen avstämning gjord ännu.", "No reconcile made yet."),
    "reconcile.latest": ("Senaste avstämningen", "Latest reconcile"),
    "reconcile.started": ("Startad", "Started"),
    "reconcile.finished": ("Klar", "Finished"),
    "reconcile.objects": ("Objekt lästa", "Objects read"),
    "reconcile.reads": ("API-anrop (läsningar)", "API calls (reads)"),
    "reconcile.status": ("Status", "Status"),
    "reconcile.trigger": ("Startad av", "Started by"),
    "reconcile.none_found": ("Båda systemen stämmer överens: inga avvikelser.", "Both systems agree: no findings."),
    "reconcile.found": ("{count} avvikelse(r) att se över.", "{count} finding(s) to look at."),
    "reconcile.pm": ("Visma PM", "Visma PM"),
    "reconcile.eek": ("Visma eEkonomi", "Visma eEkonomi"),
    "reconcile.field": ("Fält", "Field"),
    "reconcile.wrong_system": ("ändrad i fel system", "changed in the wrong system"),
    "reconcile.changed_in": ("Ändrad i", "Changed in"),
    "reconcile.todo": ("Gör så här", "What to do"),
    "reconcile.detail": ("Teknisk detalj", "Technical detail"),
    "reconcile.history": ("Objektets historik", "The object's history"),
    "reconcile.not_checked": ("stämdes inte av.", "was not checked."),
    "reconcile.preview": ("Visa reparation", "Show repair"),
    "reconcile.repair": ("Reparera", "Repair"),
    "reconcile.repaired": ("Reparerad", "Repaired"),
    "reconcile.repair_plan": ("Det här skulle göras (torrkörning, inget skrevs):", "This would be done (dry run):"),
    "reconcile.repair_done": ("Reparationen är gjord.", "The repair is done."),
    "reconcile.repair_none": ("Inget att reparera.", "Nothing to repair."),
    "reconcile.failed": ("Avstämningen kunde inte göras:", "The reconcile could not be made:"),
    "reconcile.unexpected": (
        "Avstämningen stoppades av ett oväntat fel. Det är loggat för administratören; försök igen.",
        "The reconcile was stopped by an unexpected error. It is logged for the administrator; try again.",
    ),
    "reconcile.state.running": ("Pågår", "Running"),
    "reconcile.state.ok": ("Inga avvikelser", "No findings"),
    "reconcile.state.findings": ("Avvikelser", "Findings"),
    "reconcile.state.failed": ("Misslyckades", "Failed"),
    "reconcile.state.interrupted": ("Avbruten", "Interrupted"),
    "reconcile.trigger.web": ("webbsidan", "the web page"),
    "reconcile.trigger.cli": ("kommandoraden", "the command line"),
    "reconcile.trigger.schedule": ("schemat", "the schedule"),
}


def report_translator(lang: str) -> Callable[[str], str]:
    """The page texts of both pages and the report's labels, in ``lang``; an unknown key is shown as itself."""
    index = 1 if lang == "en" else 0
    catalogue = {**REPORT_LABELS, **REPORT_TEXTS, **RECONCILE_TEXTS}

    def translate(key: str) -> str:
        pair = catalogue.get(key)
        return pair[index] if pair else key

    return translate
