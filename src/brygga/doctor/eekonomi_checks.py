"""Rule O11 in Visma eEkonomi: API access, an IBAN on the primary bank account, the next invoice number and
öre rounding, as the seed's "Checklista igångkörning" lists them."""

from __future__ import annotations

from brygga.company_guard import CompanyIdentity, company_change_error, identity_of
from brygga.doctor.failures import explain
from brygga.doctor.results import Check, CheckResult, Msg
from brygga.eekonomi import BankAccount, BankAccountType, CompanySettings, EEkonomiClient

__all__ = [
    "API_ACCESS",
    "IBAN",
    "INVOICE_NUMBER",
    "ROUNDING",
    "check_api_access",
    "check_iban",
    "check_invoice_number",
    "check_rounding",
]

API_ACCESS = Check("eekonomi.api_access", Msg("API-åtkomst i Visma eEkonomi", "API access in Visma eEkonomi"))
IBAN = Check("eekonomi.iban", Msg("IBAN på företagskontot", "IBAN on the business account"))
INVOICE_NUMBER = Check("eekonomi.invoice_number", Msg("Nästa kundfakturanummer", "Next customer invoice number"))
ROUNDING = Check("eekonomi.rounding", Msg("Öresavrundning", "Öre rounding"))

ACTIVE, READ_ONLY = 1, 2  # CompanyStatus: 0 Inactive, 1 Active, 2 ReadOnly
ROUND_TO_KRONA = 1
INVOICE_SETTINGS = "Inställningar > Företagsinställningar > Faktureringsuppgifter"
INVOICE_SETTINGS_EN = "Settings > Company settings > Invoicing details"


async def check_api_access(
    eek: EEkonomiClient, linked: CompanyIdentity | None
) -> tuple[CheckResult, CompanySettings | None]:
    """Company settings readable means the API add-on is active; the company settings feed later checks."""
    try:
        company = await eek.company_settings.get()
    except Exception as exc:  # noqa: BLE001 - any failure is a red line with its reason, never a traceback
        return API_ACCESS.red(*explain(exc)), None
    label = f"{company.name} ({company.corporate_identity_number or '-'})"
    if company.company_status not in (None, ACTIVE):
        sv, en = ("skrivskyddat", "read-only") if company.company_status == READ_ONLY else ("inaktivt", "inactive")
        found = Msg(f"Företaget {label} är {sv}.", f"The company {label} is {en}.")
        action = Msg(
            "Kontrollera abonnemanget i Visma eEkonomi, eller anslut ett aktivt företag: brygga connect eekonomi.",
            "Check the subscription in Visma eEkonomi, or connect an active company: brygga connect eekonomi.",
        )
        return API_ACCESS.red(found, action), company
    if linked is not None and company_change_error(linked, identity_of(company)) is not None:
        # Rule X4: the links in the store belong to the company first connected; another one must not get them.
        return _other_company(label, linked), company
    return API_ACCESS.green(
        Msg(f"Ansluten till {label}; API-åtkomsten är aktiv.", f"Connected to {label}; API access is active.")
    ), company


def _other_company(label: str, linked: CompanyIdentity) -> CheckResult:
    first = linked.name or linked.company_id
    return API_ACCESS.red(
        Msg(
            f"Anslutningen går nu till {label}, men brygga anslöts först till {first}.",
            f"The connection now reaches {label}, but brygga was first connected to {first}.",
        ),
        Msg(
            "Anslut det ursprungliga företaget igen (brygga connect eekonomi), eller använd en ny databas för det "
            "nya företaget.",
            "Connect the original company again (brygga connect eekonomi), or use a new database for the new company.",
        ),
    )


def primary_account(accounts: list[BankAccount]) -> BankAccount | None:
    """The default cheque account ("Företagskonto"), else the first active cheque account."""
    cheque = [a for a in accounts if a.bank_account_type == BankAccountType.CHEQUE_ACCOUNT and a.is_active is not False]
    return next((a for a in cheque if a.is_default_cheque_account), cheque[0] if cheque else None)


async def check_iban(eek: EEkonomiClient) -> CheckResult:
    account = primary_account([a async for a in eek.bank_accounts.iter()])
    action = Msg(
        "Ange IBAN för det primära företagskontot under menyvalet Inställningar > Kassa- och bankkonton.",
        "Enter the IBAN of the primary business account under Settings > Cash and bank accounts.",
    )
    if account is None:
        return IBAN.red(
            Msg("Inget företagskonto (checkkonto) finns.", "There is no business (cheque) account."), action
        )
    label = f"{account.name} ({account.ledger_account_number})"
    if not (account.iban or "").strip():
        return IBAN.red(
            Msg(f"Företagskontot {label} saknar IBAN.", f"The business account {label} has no IBAN."), action
        )
    return IBAN.green(
        Msg(
            f"Företagskontot {label} har IBAN {account.iban}.", f"The business account {label} has IBAN {account.iban}."
        )
    )


def check_invoice_number(company: CompanySettings) -> CheckResult:
    """Always yellow: only the user knows which number the first invoice should get."""
    number = company.next_customer_invoice_number
    found = (
        Msg(f"Nästa kundfakturanummer är {number}.", f"The next customer invoice number is {number}.")
        if number is not None
        else Msg("Visma eEkonomi visar inget nästa kundfakturanummer.", "Visma eEkonomi shows no next number.")
    )
    action = Msg(
        f"Kontrollera att det motsvarar önskat ({INVOICE_SETTINGS} > Nummerserier > Nästa kundfakturanr). Går "
        "fältet inte att ändra, kontakta Visma Support.",
        f"Check that it is the one you want ({INVOICE_SETTINGS_EN} > Number series > Next customer invoice no). If "
        "the field cannot be edited, contact Visma Support.",
    )
    return INVOICE_NUMBER.yellow(found, action)


def check_rounding(company: CompanySettings) -> CheckResult:
    if company.domestic_currency_rounding == ROUND_TO_KRONA:
        return ROUNDING.green(
            Msg("Öresavrundning är på (avrundar till hel krona).", "Öre rounding is on (to whole kronor).")
        )
    return ROUNDING.red(
        Msg("Öresavrundning är inte på.", "Öre rounding is off."),
        Msg(
            f"Slå på den under menyvalet {INVOICE_SETTINGS} > Öresavrundning: Avrunda till hel krona.",
            f"Turn it on under {INVOICE_SETTINGS_EN} > Öre rounding: Round to whole krona.",
        ),
    )
