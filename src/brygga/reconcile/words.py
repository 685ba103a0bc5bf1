"""Each finding in the user's words: a Swedish headline and what to do, with English beside them.

The rule id and the ids of both objects go in the detail line, never in the headline.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SYSTEM", "SYSTEM_EN", "THINGS", "Thing", "Words", "field_label"]

SYSTEM = {"pm": "Visma PM", "eekonomi": "Visma eEkonomi"}
SYSTEM_EN = SYSTEM


@dataclass(frozen=True)
class Thing:
    sv: str  # "kunden"
    en: str  # "the customer"
    sv_indef: str  # "kund"
    en_indef: str  # "customer"
    transfer: str  # the transfer command's category: "customers"


THINGS = {
    "customers": Thing("kunden", "the customer", "kund", "customer", "customers"),
    "articles": Thing("artikeln", "the article", "artikel", "article", "articles"),
    "projects": Thing("projektet", "the project", "projekt", "project", "projects"),
    "invoices": Thing("fakturan", "the invoice", "faktura", "invoice", "invoices"),
    "supplier_costs": Thing(
        "leverantörsfakturaraden",
        "the supplier invoice row",
        "leverantörsfakturarad",
        "supplier invoice row",
        "supplier-invoices",
    ),
}

_FIELDS = {
    "name": ("namn", "name"),
    "number": ("nummer", "number"),
    "is_active": ("aktiv", "active"),
    "organisation_number": ("organisationsnummer", "organisation number"),
    "vat_number": ("momsregistreringsnummer", "VAT number"),
    "email": ("e-post", "e-mail"),
    "website": ("webbplats", "website"),
    "payment_days": ("betalningsvillkor (dagar)", "payment terms (days)"),
    "currency_code": ("valuta", "currency"),
    "address": ("adress", "address"),
    "contact": ("kontaktperson", "contact person"),
    "unit": ("enhet", "unit"),
    "vat_rate": ("momssats", "VAT rate"),
    "net_price": ("pris ex. moms", "price excl. VAT"),
    "net": ("netto", "net"),
    "vat": ("moms", "VAT"),
    "gross": ("brutto", "gross"),
}


def field_label(name: str) -> tuple[str, str]:
    return _FIELDS.get(name, (name, name))


@dataclass(frozen=True)
class Words:
    title: str
    title_en: str
    hint: str
    hint_en: str


def field_differs(thing: Thing, field: str, changed_in: str | None, master: str) -> Words:
    sv, en = field_label(field)
    other = "eekonomi" if master == "pm" else "pm"
    if changed_in is not None and changed_in != master:
        return Words(
            f"{thing.sv.capitalize()} har ändrats i fel system: {sv} skiljer sig",
            f"{thing.en.capitalize()} was changed in the wrong system: the {en} differs",
            f"{SYSTEM[master]} är huvudsystem, så ändringen i {SYSTEM[other]} förs inte över. Gör ändringen i "
            f"{SYSTEM[master]} i stället, eller låt brygga skriva tillbaka värdet från {SYSTEM[master]} "
            "(brygga reconcile --repair).",
            f"{SYSTEM[master]} is the master, so the change in {SYSTEM[other]} is not transferred. Make the change "
            f"in {SYSTEM[master]} instead, or let brygga write {SYSTEM[master]}'s value back (brygga reconcile "
            "--repair).",
        )
    if changed_in == master:
        return Words(
            f"{thing.sv.capitalize()}: {sv} har ändrats i {SYSTEM[master]} men inte förts över än",
            f"{thing.en.capitalize()}: the {en} was changed in {SYSTEM[master]} but not transferred yet",
            f"Kör överföringen (brygga transfer {thing.transfer}).",
            f"Run the transfer (brygga transfer {thing.transfer}).",
        )
    return Words(
        f"{thing.sv.capitalize()}: {sv} skiljer sig mellan systemen",
        f"{thing.en.capitalize()}: the {en} differs between the systems",
        f"Kontrollera värdet i {SYSTEM[master]} (huvudsystem); brygga kan skriva det till {SYSTEM[other]} "
        "(brygga reconcile --repair).",
        f"Check the value in {SYSTEM[master]} (the master); brygga can write it to {SYSTEM[other]} "
        "(brygga reconcile --repair).",
    )


def missing(thing: Thing, missing_in: str, *, failing: bool = False) -> Words:
    there = "eekonomi" if missing_in == "pm" else "pm"
    if failing:
        return Words(
            f"{thing.sv.capitalize()} finns i {SYSTEM[there]} men saknas i {SYSTEM[missing_in]}: överföringen "
            "misslyckas med den",
            f"{thing.en.capitalize()} is in {SYSTEM[there]} but missing in {SYSTEM[missing_in]}: the transfer fails "
            "on it",
            "Rätta felet som brygga errors (sidan Felmeddelanden) visar för den; nästa överföring försöker igen.",
            "Fix the error brygga errors (the Errors page) shows for it; the next transfer tries again.",
        )
    return Words(
        f"{thing.sv.capitalize()} finns i {SYSTEM[there]} men saknas i {SYSTEM[missing_in]}",
        f"{thing.en.capitalize()} is in {SYSTEM[there]} but missing in {SYSTEM[missing_in]}",
        f"Kör överföringen (brygga transfer {thing.transfer}); står {thing.sv} sedan i felloggen, rätta det som "
        "står där.",
        f"Run the transfer (brygga transfer {thing.transfer}); if {thing.en} then shows in the error log, fix what "
        "it says.",
    )


def remote_deleted(thing: Thing, deleted_in: str, relink: bool) -> Words:
    other = "eekonomi" if deleted_in == "pm" else "pm"
    if relink:
        return Words(
            f"{thing.sv.capitalize()} togs bort i {SYSTEM[deleted_in]} och har skapats igen med samma nummer",
            f"{thing.en.capitalize()} was deleted in {SYSTEM[deleted_in]} and created again with the same number",
            f"brygga kan koppla om {thing.sv} i {SYSTEM[other]} till den nya (brygga reconcile --repair).",
            f"brygga can link {thing.en} in {SYSTEM[other]} to the new one (brygga reconcile --repair).",
        )
    return Words(
        f"{thing.sv.capitalize()} har tagits bort i {SYSTEM[deleted_in]}",
        f"{thing.en.capitalize()} was deleted in {SYSTEM[deleted_in]}",
        f"Skapa {thing.sv} igen i {SYSTEM[deleted_in]} med samma nummer och namn och kör avstämningen med "
        f"--repair, så kopplar brygga om den. Ska den inte finnas, gör den inaktiv i {SYSTEM[other]}.",
        f"Create {thing.en} again in {SYSTEM[deleted_in]} with the same number and name and run the reconcile with "
        f"--repair, and brygga links it again. If it should not exist, make it inactive in {SYSTEM[other]}.",
    )


def totals_differ(fields: list[str], booked: bool) -> Words:
    sv = ", ".join(field_label(f)[0] for f in fields)
    en = ", ".join(field_label(f)[1] for f in fields)
    where_sv, where_en = ("den bokförda fakturan", "the booked invoice") if booked else ("utkastet", "the draft")
    return Words(
        f"Fakturans belopp ({sv}) skiljer sig mellan Visma PM och {where_sv} i Visma eEkonomi",
        f"The invoice's amounts ({en}) differ between Visma PM and {where_en} in Visma eEkonomi",
        "Jämför raderna i båda systemen och rätta den som är fel (en bokförd faktura krediteras och görs om i "
        "Visma eEkonomi).",
        "Compare the rows in both systems and correct the wrong one (a booked invoice is credited and made again "
        "in Visma eEkonomi).",
    )


def invoice_without_draft() -> Words:
    return Words(
        "Fakturan är markerad som överförd i Visma PM men finns inte i Visma eEkonomi",
        "The invoice is marked transferred in Visma PM but is not in Visma eEkonomi",
        "Utkastet har troligen tagits bort i Visma eEkonomi. Sätt fakturan till statusen för överföring i Visma PM "
        "igen och kör brygga transfer invoices.",
        "The draft was probably deleted in Visma eEkonomi. Set the invoice back to the transfer status in Visma PM "
        "and run brygga transfer invoices.",
    )


def draft_without_invoice(gone: bool) -> Words:
    if gone:
        return Words(
            "Ett utkast eller en faktura i Visma eEkonomi hör till en PM-faktura som inte längre finns",
            "A draft or invoice in Visma eEkonomi belongs to a Visma PM invoice that no longer exists",
            "Ta bort utkastet i Visma eEkonomi (en bokförd faktura krediteras) om fakturan inte ska finnas.",
            "Delete the draft in Visma eEkonomi (credit a booked invoice) if the invoice should not exist.",
        )
    return Words(
        "Ett utkast i Visma eEkonomi hör till en PM-faktura som inte är markerad som överförd",
        "A draft in Visma eEkonomi belongs to a Visma PM invoice that is not marked transferred",
        "Kör brygga transfer invoices: fakturan får då statusen överförd utan att ett nytt utkast skapas.",
        "Run brygga transfer invoices: the invoice then gets the transferred status and no new draft is made.",
    )


def duplicate_in_eekonomi(count: int) -> Words:
    return Words(
        f"Fakturan finns {count} gånger i Visma eEkonomi",
        f"The invoice is in Visma eEkonomi {count} times",
        "brygga gör aldrig två utkast av en faktura (I8), så kopian är gjord i Visma eEkonomi: ta bort utkasten "
        "som är för mycket (en bokförd dubblett krediteras).",
        "brygga never makes two drafts of one invoice (I8), so the copy was made in Visma eEkonomi: delete the "
        "extra drafts (credit a booked duplicate).",
    )


def cost_without_item() -> Words:
    return Words(
        "Projektkostnaden saknar sin leverantörsfakturarad i Visma eEkonomi",
        "The project cost has no supplier invoice row in Visma eEkonomi",
        "Raden har tagits bort eller flyttats till en annan resultatenhet. Ta bort kostnaden i Visma PM om den inte "
        "ska finnas.",
        "The row was deleted or moved to another cost center item. Delete the cost in Visma PM if it should not exist.",
    )


def item_without_cost(pm_cost_gone: bool) -> Words:
    if pm_cost_gone:
        return Words(
            "Projektkostnaden för leverantörsfakturaraden har tagits bort i Visma PM",
            "The project cost of the supplier invoice row was deleted in Visma PM",
            "Lägg in kostnaden i Visma PM igen om den ska finnas på projektet.",
            "Add the cost to the project in Visma PM again if it belongs there.",
        )
    return Words(
        "Leverantörsfakturaraden har ett kopplat projekt men ingen projektkostnad i Visma PM",
        "The supplier invoice row has a linked project but no project cost in Visma PM",
        "Kör brygga transfer supplier-invoices med en period som tar med fakturans datum (--from/--to).",
        "Run brygga transfer supplier-invoices with a period that includes the invoice's date (--from/--to).",
    )
