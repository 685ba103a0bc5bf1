"""The words of Dataöverföring, its result box, Felmeddelanden, the run history and the order inbox's states,
Swedish and English (merged into ``brygga.web.i18n.TEXTS``)."""

from __future__ import annotations

__all__ = ["TRANSFER_TEXTS"]

TRANSFER_TEXTS: dict[str, tuple[str, str]] = {
    "nav.runs": ("Körningshistorik", "Run history"),
    # run states, as the history and the result box name them
    "state.ok": ("Klar", "Done"),
    "state.partial": ("Delvis klar", "Partly done"),
    "state.failed": ("Misslyckades", "Failed"),
    "state.running": ("Pågår", "Running"),
    "state.interrupted": ("Avbruten", "Interrupted"),
    "state.nothing": ("Inget att göra", "Nothing to do"),
    "state.dry-run": ("Torrkörning", "Dry run"),
    # the category table on Dataöverföring
    "summary.last_run": ("Senaste körning", "Last run"),
    "summary.result": ("Resultat", "Result"),
    "summary.first_time": (
        "Inga överföringar har körts ännu. Börja gärna med Torrkörning: den visar vad som skulle hända och skriver "
        "ingenting.",
        "No transfers have run yet. Start with a dry run if you like: it shows what would happen and writes nothing.",
    ),
    "summary.connect_first": (
        "Anslut Visma PM och Visma eEkonomi under Anslutningar innan du överför.",
        "Connect Visma PM and Visma eEkonomi under Connections before you transfer.",
    ),
    "summary.show_errors": ("Visa fel", "Show errors"),
    "summary.nothing": ("Inget att överföra", "Nothing to transfer"),
    "summary.linked": ("kopplade i båda systemen", "linked in both systems"),
    "summary.show_skipped": ("Visa överhoppade", "Show skipped"),
    "summary.all_errors": ("Alla felmeddelanden", "All error messages"),
    "summary.all_runs": ("Körningshistorik", "Run history"),
    "transfer.retry": ("Försök igen med de misslyckade", "Try the failed ones again"),
    "transfer.unchanged": ("oförändrade", "unchanged"),
    "transfer.nothing": ("Inget att göra.", "Nothing to do."),
    "transfer.nothing_real": (
        "Inget att överföra: allt är redan överfört och oförändrat.",
        "Nothing to transfer: everything is already transferred and unchanged.",
    ),
    "transfer.unexpected": ("Ett oväntat fel stoppade överföringen.", "An unexpected error stopped the transfer."),
    "transfer.unexpected_hint": (
        "Det som hann överföras är sparat och körs inte två gånger. Kör överföringen igen; kvarstår felet, visa "
        "serverns logg för den som driftar brygga.",
        "What was transferred is kept and will not be sent twice. Run the transfer again; if the error stays, "
        "show the server's log to whoever runs brygga.",
    ),
    "transfer.retry_title": ("Nytt försök med de misslyckade", "Retry of the failed ones"),
    # the dry run: what would happen
    "would.create": ("skapas", "would be created"),
    "would.update": ("uppdateras", "would be updated"),
    "would.link": ("kopplas ihop", "would be linked"),
    "would.skip": ("hoppas över", "would be skipped"),
    "would.reject": ("avvisas", "would be rejected"),
    "would.unchanged": (
        "redan kopplade och oförändrade",
        "already linked and unchanged",
    ),
    "would.rejected_title": ("Skulle avvisas", "Would be rejected"),
    "would.skipped_title": ("Skulle hoppas över", "Would be skipped"),
    # progress
    "progress.of": ("av", "of"),
    "progress.reading": ("läser {systems} …", "reading {systems} …"),
    "progress.systems": ("Visma PM och Visma eEkonomi", "Visma PM and Visma eEkonomi"),
    "progress.systems.orders": ("orderinkorgen och Visma eEkonomi", "the order inbox and Visma eEkonomi"),
    "progress.starting": ("startar …", "starting …"),
    # messages
    "detail.summary": ("Teknisk detalj", "Technical detail"),
    "detail.rule": ("Regel", "Rule"),
    "settings.rule": ("Regel", "Rule"),
    "skipped.title": ("Överhoppade", "Skipped"),
    "skipped.none": ("Inget hoppades över i senaste körningarna.", "Nothing was skipped in the latest runs."),
    "col.reason": ("Orsak", "Reason"),
    "errors.failed_title": ("Misslyckade", "Failed"),
    "errors.whole_category": ("Hela programdelen", "The whole category"),
    "errors.none_run": ("Inga fel i den här körningen.", "No errors in this run."),
    "errors.intro": (
        "Fel och överhoppade objekt från den senaste riktiga körningen av varje programdel, eller från den körning "
        "du väljer.",
        "Errors and skipped objects from the latest real run of each category, or from the run you choose.",
    ),
    # the run history page
    "runs.title": ("Körningshistorik", "Run history"),
    "runs.none": ("Inga körningar ännu.", "No runs yet."),
    "runs.errors_of": ("Fel i körning", "Errors in run"),
    # the order inbox
    "orders.draft_of": ("Utkast", "Draft"),
    "orders.draft_id": ("Utkastets id i Visma eEkonomi", "The draft's id in Visma eEkonomi"),
    "orders.open_draft": ("Öppna i Visma eEkonomi", "Open in Visma eEkonomi"),
    "orders.not_released": ("Inte släppt", "Not released"),
    "orders.first_time": (
        "Order kommer hit när ordersystemet skickar dem (se Orderintag över HTTP nedan) eller när du läser in en "
        "orderfil.",
        "Orders arrive here when the order system sends them (see Order intake over HTTP below) or when you "
        "import an order file.",
    ),
}
