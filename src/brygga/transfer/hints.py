"""The fix catalogue: what the user should do about each failure, in Swedish first and in English.

Keys are rule ids (``C5``), rule ids with a detail (``C6:Name``) or API situations (``api:unknown_outcome``).
Texts follow the original integration's "Lösning" column where it has one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Hint", "hint_for"]


@dataclass(frozen=True)
class Hint:
    sv: str
    en: str

    def format(self, **values: object) -> Hint:
        return Hint(self.sv.format(**values), self.en.format(**values))


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
    return base.format(**values)
