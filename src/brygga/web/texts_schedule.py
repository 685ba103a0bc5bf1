"""The words of the schedule section on Dataöverföring, its pause banner and the queued "Överför nu" state,
Swedish and English (merged into ``brygga.web.i18n.TEXTS``)."""

from __future__ import annotations

__all__ = ["MONTHS", "SCHEDULE_TEXTS", "WEEKDAYS"]

WEEKDAYS = {
    "sv": ("mån", "tis", "ons", "tor", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTHS = {
    "sv": ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

SCHEDULE_TEXTS: dict[str, tuple[str, str]] = {
    "schedule.title": ("Schema", "Schedule"),
    "schedule.intro": (
        "När varje programdel överförs av sig själv, i svensk tid. Schemat körs av brygga worker, som måste vara "
        "igång på servern; Överför-knapparna fungerar som vanligt vid sidan av.",
        "When each category transfers by itself, in Swedish time. The schedule is run by brygga worker, which must "
        "be running on the server; the Transfer buttons work as usual alongside.",
    ),
    "schedule.nothing": (
        "Inget är schemalagt: överföringarna körs bara när någon trycker på Överför.",
        "Nothing is scheduled: transfers run only when someone presses Transfer.",
    ),
    "schedule.words": ("Schema", "Schedule"),
    "schedule.next": ("Nästa körning", "Next run"),
    "schedule.manual": ("Manuell", "Manual"),
    "schedule.no_next": ("–", "–"),
    "schedule.paused_next": ("pausat", "paused"),
    "schedule.change": ("Ändra schema", "Change schedule"),
    "schedule.kind": ("Hur", "How"),
    "schedule.kind.off": ("Av (bara manuellt)", "Off (manual only)"),
    "schedule.kind.every": ("Var N:e minut inom ett tidsfönster", "Every N minutes within a time window"),
    "schedule.kind.at": ("Vid bestämda tider", "At set times"),
    "schedule.every_minutes": ("Antal minuter mellan körningarna", "Minutes between runs"),
    "schedule.start": ("Från", "From"),
    "schedule.end": ("Till", "To"),
    "schedule.window_help": (
        "T.ex. 07:00 och 19:00; tomt betyder hela dygnet. Den sista körningen kan vara på Till-tiden.",
        "E.g. 07:00 and 19:00; empty means the whole day. The last run can be at the To time.",
    ),
    "schedule.times": ("Tider", "Times"),
    "schedule.times_help": ("T.ex. 06:30, 12:00", "E.g. 06:30, 12:00"),
    "schedule.days": ("Veckodagar", "Weekdays"),
    "schedule.skip_holidays": ("Hoppa över helgdagar", "Skip Swedish public holidays"),
    "schedule.skip_eves": (
        "Hoppa över midsommar-, jul- och nyårsafton",
        "Skip Midsummer, Christmas and New Year's Eve",
    ),
    "schedule.save": ("Spara schema", "Save schedule"),
    "schedule.saved": ("Schemat sparades för {category}.", "The schedule of {category} was saved."),
    "schedule.not_saved": (
        "Schemat för {category} sparades inte; rätta det som står vid fälten nedan.",
        "The schedule of {category} was not saved; correct what is said at the fields below.",
    ),
    "schedule.bad_kind": (
        "Välj Av, Var N:e minut eller Vid bestämda tider.",
        "Choose Off, Every N minutes or At set times.",
    ),
    "schedule.bad_every": (
        "Skriv ett helt antal minuter mellan 1 och {max}, t.ex. 10 (fick: {given}).",
        "Write a whole number of minutes between 1 and {max}, e.g. 10 (got: {given}).",
    ),
    "schedule.bad_window": (
        "Från {start} kommer efter Till {end}; fönstret måste ligga inom ett dygn. Ändra Från eller Till.",
        "From {start} comes after To {end}; the window must lie within one day. Change From or To.",
    ),
    "schedule.no_times": (
        "Skriv minst en tid, t.ex. 06:30, 12:00.",
        "Write at least one time, e.g. 06:30, 12:00.",
    ),
    "schedule.no_days": ("Välj minst en veckodag.", "Choose at least one weekday."),
    "schedule.unknown_category": ("Okänd programdel.", "Unknown category."),
    # the pause
    "pause.title": ("Schemat är pausat", "The schedule is paused"),
    "pause.since": ("sedan", "since"),
    "pause.what": (
        "Inga schemalagda överföringar körs för det här företaget förrän du återupptar schemat. Anslut igen under "
        "Anslutningar först om orsaken är anslutningen; en manuell överföring som går igenom häver också pausen.",
        "No scheduled transfers run for this company until you resume the schedule. Connect again under "
        "Connections first if the reason is the connection; a manual transfer that gets through lifts the pause too.",
    ),
    "pause.resume": ("Återuppta schemat", "Resume the schedule"),
    "pause.resumed": ("Schemat körs igen.", "The schedule runs again."),
    "pause.not_paused": ("Schemat var inte pausat.", "The schedule was not paused."),
    # "Överför nu" through the job queue
    "queue.queued": ("I kö", "Queued"),
    "queue.doing": ("Körs", "Running"),
    "queue.queued_text": (
        "Överföringen står i kö och körs av brygga worker så snart den är ledig (före schemalagda körningar).",
        "The transfer is queued and brygga worker runs it as soon as it is free (before scheduled runs).",
    ),
    "queue.doing_text": ("brygga worker kör överföringen nu.", "brygga worker is running the transfer now."),
    "queue.scheduled": ("Schemalagd", "Scheduled"),
    "queue.now": ("Överför nu", "Transfer now"),
    "queue.lost": (
        "Jobbet finns inte längre i kön och ingen körning hittades efter det. Se Körningshistorik.",
        "The job is no longer queued and no run was found after it. See Run history.",
    ),
    "transfer.all": ("Överför allt", "Transfer everything"),
    "transfer.all_help": (
        "Alla programdelar i ordning: kunder, artiklar och projekt före fakturor.",
        "Every category in order: customers, articles and projects before invoices.",
    ),
}
