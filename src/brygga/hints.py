"""The fix catalogue: what the user should do about each failure, in Swedish first and in English.

Keys are rule ids (``C5``), rule ids with a detail (``C6:Name``) or API situations (``api:unknown_outcome``).
Texts follow the original integration's "Lösning" column where it has one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from brygga.titles import title_for

__all__ = ["Hint", "hint_for"]


@dataclass(frozen=True)
class Hint:
    """What to do (``sv``, ``en``) and, from :mod:`brygga.titles`, what went wrong (``title``, ``title_en``)."""

    sv: str
    en: str
    title: str = ""
    title_en: str = ""

    def format(self, **values: object) -> Hint:
        return replace(self, sv=self.sv.format(**values), en=self.en.format(**values))


CATALOGUE: dict[str, Hint] = {
    "C2": Hint(
        "Kunder kopplas på kundnummer och namn. Gör namnet identiskt i båda systemen (i {other} heter kunden "
        '"{other_name}"), eller ge kunden ett annat kundnummer. Ingen dubblett skapades.',
        "Customers are linked by number and name. Make the name identical in both systems (in {other} it is "
        '"{other_name}"), or give the customer another number. No duplicate was created.',
    ),
    "C5": Hint(
        "Adress är obligatoriskt i eEkonomi. Det måste finnas adress, postnummer, ort och land på kunden. "
        "Kontrollera kunden i Visma PM och lägg till saknade uppgifter.",
        "An address is required in eEkonomi: address line, postal code, city and country. Add the missing "
        "details to the customer in Visma PM.",
    ),
    "C6:Name": Hint(
        "Kundnamnet är för långt. Redigera kundnamnet i {source}, det får innehålla högst {limit} tecken.",
        "The customer name is too long. Shorten it in {source} to at most {limit} characters.",
    ),
    "C6:InvoiceAddress1": Hint(
        "Adressen är för lång. Redigera adressfältet på kundens första faktureringsadress i {source}; "
        "det får innehålla högst {limit} tecken.",
        "The address is too long. Shorten the address line of the customer's first billing address in {source} "
        "to at most {limit} characters.",
    ),
    "C6": Hint(
        "Fältet {field} är för långt (högst {limit} tecken i Visma eEkonomi). Korta det på kunden i {source}.",
        "The field {field} is too long (at most {limit} characters in Visma eEkonomi). Shorten it in {source}.",
    ),
    "C8:number": Hint(
        "Visma PM har bara numeriska kundnummer. Ge kunden ett kundnummer med enbart siffror, utan inledande nollor, "
        "i Visma eEkonomi.",
        "Visma PM only has numeric customer numbers. Give the customer a digits-only number in Visma eEkonomi.",
    ),
    "C10": Hint(
        "Välj ett betalningsvillkor som finns i Visma eEkonomi på kunden i {source}: {valid}.",
        "Choose a payment term that exists in Visma eEkonomi on the customer in {source}: {valid}.",
    ),
    "C11": Hint(
        "Kunden faktureras i {currency}. Aktivera tillägget Valutor i Visma PM och lägg till eller aktivera "
        "valutan {currency} (Inställningar > Valutor).",
        "The customer is invoiced in {currency}. Activate the Currencies add-on in Visma PM and add or activate "
        "{currency} (Settings > Currencies).",
    ),
    "A2": Hint(
        "Artiklar kopplas på kod och namn. Gör namnet identiskt i båda systemen (i {other} heter artikeln "
        '"{other_name}"), eller ge posten en annan kod. Ingen dubblett skapades.',
        "Articles are linked by code and name. Make the name identical in both systems (in {other} it is "
        '"{other_name}"), or give the item another code. No duplicate was created.',
    ),
    "A2:duplicate": Hint(
        "Koden {code} finns på flera poster i Visma PM (produkt, arbetstyp eller resekostnad). Ge varje post en "
        "egen kod: koden blir artikelnumret i eEkonomi.",
        "The code {code} is used by several items in Visma PM (product, work type or travel expense). Give each "
        "item its own code: the code becomes the article number in eEkonomi.",
    ),
    "A3": Hint(
        'Lägg upp artikelkonteringen "{coding}" i Visma eEkonomi (Inställningar > Artikelkonteringar), eller '
        "ändra momssatsen i Visma PM.",
        'Create the article coding "{coding}" in Visma eEkonomi (Settings > Article codings), or change the VAT '
        "rate in Visma PM.",
    ),
    "A4": Hint(
        "Lägg upp enheten (t.ex. Timmar, Kilometer eller Styck) i Visma eEkonomi, eller välj en enhet som finns där.",
        "Create the unit (e.g. hours, kilometres or pieces) in Visma eEkonomi, or choose one that exists there.",
    ),
    "A5": Hint(
        "Priset måste ligga mellan 0 och 99 000 000 kr, även inklusive moms, i Visma eEkonomi. Rätta enhetspriset i "
        "Visma PM; en rabatt läggs på fakturaraden, inte som ett negativt artikelpris.",
        "The price must lie between 0 and 99,000,000, VAT included, in Visma eEkonomi. Correct the unit price in "
        "Visma PM; a discount belongs on the invoice row, not in a negative article price.",
    ),
    "A6:product": Hint(
        "Ange en kod på produkten i Visma PM (Inställningar > Produkter). Koden blir artikelnumret i eEkonomi.",
        "Give the product a code in Visma PM (Settings > Products). The code becomes the article number.",
    ),
    "A6:work_type": Hint(
        "Ange en kod på arbetstypen i Visma PM (Inställningar > Projektets arbetstyper). Koden blir artikelnumret.",
        "Give the work type a code in Visma PM (Settings > Work types). The code becomes the article number.",
    ),
    "A6:travel": Hint(
        "Ange en kod på resekostnaden i Visma PM (Inställningar > Resekostnader). Koden blir artikelnumret.",
        "Give the travel expense type a code in Visma PM (Settings > Travel expenses). The code becomes the "
        "article number.",
    ),
    "A7:product": Hint(
        "Produktnamnet överstiger {limit} tecken. Redigera produktnamnet i Inställningar > Produkter och säkerställ "
        "att det inte är fler än {limit} tecken.",
        "The product name exceeds {limit} characters. Shorten it in Settings > Products.",
    ),
    "A7:work_type": Hint(
        "Arbetstypens namn överstiger {limit} tecken. Gå till Inställningar > Projektets arbetstyper och kontrollera "
        "att namnet inte är längre än {limit} tecken.",
        "The work type name exceeds {limit} characters. Shorten it in Settings > Work types.",
    ),
    "A7:travel": Hint(
        "Resekostnadsnamnet överstiger {limit} tecken. Redigera resekostnadens namn i Inställningar > "
        "Resekostnader och säkerställ att det inte är längre än {limit} tecken.",
        "The travel expense name exceeds {limit} characters. Shorten it in Settings > Travel expenses.",
    ),
    "A8:product": Hint(
        "Produkten saknar moms angivelse. Redigera produkten i Inställningar > Produkter och välj korrekt moms.",
        "The product has no VAT rate. Edit it in Settings > Products and choose the right VAT.",
    ),
    "A8:travel": Hint(
        "Resekostnaden saknar moms angivelse. Redigera den i Inställningar > Resekostnader och välj korrekt moms.",
        "The travel expense type has no VAT rate. Edit it in Settings > Travel expenses and choose the right VAT.",
    ),
    "A8:work_type": Hint(
        "Visma PM har ingen standardmomssats för arbetstyper. Ange en standardmomssats i Visma PM "
        "(Inställningar > Moms).",
        "Visma PM has no default VAT rate for work types. Set one in Visma PM (Settings > VAT).",
    ),
    "A:reminder": Hint(
        'Nya artiklar från Visma PM fick artikelkonteringen "Tjänster x% moms". Kontrollera i Visma eEkonomi '
        "att konteringen stämmer för varje ny artikel (t.ex. om den ska vara Varor), eftersom den styr bokföringen.",
        'New articles from Visma PM got the coding "Services x% VAT". Check each new article\'s coding in '
        "Visma eEkonomi (goods or services), since it decides the bookkeeping.",
    ),
    "P2": Hint(
        "Projektnumret blir resultatenhetens förkortning, som får vara högst 9 tecken. Ge projektet ett kortare "
        "nummer i Visma PM.",
        "The project number becomes the cost center item's short name (at most 9 characters). Use a shorter "
        "number in Visma PM.",
    ),
    "P3": Hint(
        "Kontrollera om det redan finns en resultatenhet i eEkonomi med samma namn och/eller nummer. Dessa måste "
        "matcha helt mellan Visma PM och eEkonomi: (PM) Projektnamn = Namn (eEk), (PM) Projektnummer = "
        "Förkortning (eEk).",
        "Check whether eEkonomi already has a cost center item with the same name and/or number. They must match "
        "exactly: (PM) project name = Name (eEk), (PM) project number = Short name (eEk).",
    ),
    "P4": Hint(
        "Projektnamnet överstiger {limit} tecken. Gå till Projekt > Välj projekt och klicka på projektnamnet för att "
        "redigera det till max {limit} tecken.",
        "The project name exceeds {limit} characters. Open the project in Visma PM and shorten its name.",
    ),
    "I4:article": Hint(
        "Artikeln {code} finns inte i Visma eEkonomi. Kör överföringen av artiklar (brygga transfer articles) och "
        "rätta det som den rapporterar, eller ändra raden i Visma PM.",
        "Article {code} does not exist in Visma eEkonomi. Transfer the articles first (brygga transfer articles) "
        "and fix what it reports, or change the row in Visma PM.",
    ),
    "I4:vat": Hint(
        "Momsen på en fakturarad kommer från artikelns kontering i eEkonomi. Ge artikeln {code} rätt "
        "artikelkontering i Visma eEkonomi, eller rätta momssatsen i Visma PM, så att de stämmer överens.",
        "The VAT on an invoice row comes from the article's coding in eEkonomi. Give article {code} the right "
        "coding in Visma eEkonomi, or correct the VAT rate in Visma PM, so that they agree.",
    ),
    "I5": Hint(
        "Fakturan saknar adress. Kontrollera att det finns en korrekt angiven adress på fakturan: öppna fakturan "
        "och titta på fliken Faktureringsinformation - Kundens adress (Adress, Postkod/Ort och Land).",
        "The invoice has no address. Open it in Visma PM and fill in the customer's address (address line, postal "
        "code, city and country) under billing information.",
    ),
    "I6:length": Hint(
        "Ett fält på fakturan är längre än eEkonomi tillåter. Korta fältet som felet nämner (t.ex. Er referens "
        "högst 100 tecken) på fakturan i Visma PM.",
        "A field on the invoice is longer than eEkonomi allows. Shorten the field the error names (e.g. your "
        "reference, at most 100 characters) on the invoice in Visma PM.",
    ),
    "I4:amounts": Hint(
        "En fakturarad med artikel behöver både antal och pris. Rätta raden på fakturan i Visma PM, eller gör den "
        "till en textrad.",
        "An invoice row with an article needs both a quantity and a price. Correct the row in Visma PM, or make it "
        "a text row.",
    ),
    "I6:address": Hint(
        "Kontrollera att kundens adress (Adress 1) inte överstiger 50 tecken, på fakturan och på kunden i Visma PM.",
        "Check that the customer's address line 1 is at most 50 characters, on the invoice and the customer in PM.",
    ),
    "I6:inactive": Hint(
        "Innebär att arbetstyper eller produkter på fakturaunderlaget (artikel {code}) har inaktiverats i eEkonomi. "
        "Kontrollera fakturan i PM och aktivera artiklarna i eEkonomi igen. Synka programmen på nytt.",
        "A work type or product on the invoice (article {code}) is inactive in eEkonomi. Activate it again in "
        "eEkonomi and transfer the invoice again.",
    ),
    "I6:totals": Hint(
        "Utkastet skapades men beloppen skiljer sig från fakturan i Visma PM. Jämför raderna och momsen i utkastet "
        "i Visma eEkonomi innan det bokförs.",
        "The draft was created but its totals differ from the invoice in Visma PM. Compare its rows and VAT in "
        "Visma eEkonomi before booking it.",
    ),
    "I7": Hint(
        "Krediterade fakturor överförs inte. Gör krediteringen i Visma eEkonomi så att bokföringen stämmer.",
        "Credit invoices are not transferred. Credit the invoice in Visma eEkonomi so the books are right.",
    ),
    "O2:address": Hint(
        "Ordern behöver kundens postnummer och ort för att kunden ska kunna skapas i Visma eEkonomi. Komplettera "
        "kunden i ordersystemet och skicka ordern igen, eller lägg upp kunden i eEkonomi med samma kundnummer.",
        "The order needs the customer's postal code and city to create the customer in Visma eEkonomi. Complete it "
        "in the order system and send the order again, or create the customer in eEkonomi with the same number.",
    ),
    "O5": Hint(
        "Varje orderrad får artikel efter sin momssats ({valid}). Rätta momssatsen på raden i ordersystemet, eller "
        "lägg till satsen i inställningen order_vat_articles och se till att konteringen Varor x% moms finns.",
        "Each order row gets the article of its VAT rate ({valid}). Correct the rate in the order system, or add it "
        "to the setting order_vat_articles and make sure the goods coding exists.",
    ),
    "O6": Hint(
        "Ordern måste ha ett betalningsvillkor som finns i Visma eEkonomi: {valid}. Rätta betalningsvillkoret i "
        "ordersystemet och skicka ordern igen.",
        "The order must have payment terms that exist in Visma eEkonomi: {valid}. Correct them in the order system "
        "and send the order again.",
    ),
    "api:rejected": Hint(
        "{system} avvisade objektet. Rätta uppgiften som felet pekar på och kör överföringen igen. Kvarstår felet, "
        "kontakta {system}s support och ange ErrorId.",
        "{system} rejected the object. Correct the field the error names and run the transfer again. If it "
        "persists, contact {system} support quoting the ErrorId.",
    ),
    "api:unknown_outcome": Hint(
        "Svaret från {system} kom aldrig fram, så det är okänt om objektet skapades. Kör överföringen igen: brygga "
        "letar först upp objektet och skapar det aldrig två gånger.",
        "The answer from {system} never arrived, so it is unknown whether the object was created. Run the transfer "
        "again: brygga looks the object up first and never creates it twice.",
    ),
    "api:unavailable": Hint(
        "{system} svarar inte just nu (serverfel eller för många anrop). Försök igen om en stund.",
        "{system} is not answering right now (server error or too many calls). Try again in a while.",
    ),
    "api:auth": Hint(
        "Anslutningen till {system} har upphört eller nekades. Anslut igen med: brygga connect {command}",
        "The connection to {system} expired or was refused. Connect again with: brygga connect {command}",
    ),
    "api:permission": Hint(
        "{system} saknar behörighet eller tillägg för detta ({code}). Kontrollera API-behörigheterna och att "
        "tillägget är aktiverat.",
        "{system} lacks a permission or add-on for this ({code}). Check the API scopes and that the add-on is "
        "activated.",
    ),
}


def hint_for(key: str, **values: object) -> Hint:
    """The hint for ``key``; ``C6:Foo`` falls back to the generic ``C6`` text."""
    base = CATALOGUE.get(key) or CATALOGUE[key.split(":", 1)[0]]
    title, title_en = title_for(key, **values)
    return replace(base.format(**values), title=title, title_en=title_en)
