"""Rule X4: brygga's links belong to one eEkonomi company; a connection to another one must not get them.

An eEkonomi token is bound to the company picked at login and no API call names the company, so a reconnect
where the user picks another company (or Visma's "default company" pre-selects one) would silently write into
the wrong books. The first company connected is remembered (in the settings table, beside the connection,
so disconnecting does not forget it); every run and every page compares the connected company with it.

Across brygga's companies: two brygga companies connected to one eEkonomi company would each transfer into the
same books, each believing its links are the only ones. Connecting a second brygga company to an eEkonomi company
that another one already has is refused (``company_taken_error``), naming both.
"""

from __future__ import annotations

from dataclasses import dataclass

from brygga.eekonomi.models import CompanySettings
from brygga.errors import ConfigError
from brygga.store import Store
from brygga.store.companies import CompanyRegistry

__all__ = [
    "LINKED_COMPANY_KEY",
    "CompanyIdentity",
    "company_change_error",
    "company_taken_error",
    "identity_of",
    "linked_company",
    "remember_company",
]

# Reserved keys (a prefix with a dot) are never shown or validated as settings.
LINKED_COMPANY_KEY = "eekonomi.linked_company_id"
_LINKED_NAME_KEY = "eekonomi.linked_company_name"
_LINKED_ORG_KEY = "eekonomi.linked_company_org_number"
RECONNECT_HINT = "Anslut igen under Anslutningar (eller med brygga connect eekonomi) och välj rätt företag."


@dataclass(frozen=True)
class CompanyIdentity:
    company_id: str
    name: str | None = None
    org_number: str | None = None

    def describe(self) -> str:
        return f"{self.name or '-'} ({self.org_number or self.company_id})"


def identity_of(company: CompanySettings) -> CompanyIdentity | None:
    """The company's stable id: Visma's company identifier, else its organisation number."""
    company_id = company.company_identifier or company.corporate_identity_number
    if not company_id:
        return None
    return CompanyIdentity(company_id, company.name, company.corporate_identity_number)


def linked_company(store: Store) -> CompanyIdentity | None:
    """The company the links belong to; stores from before this key fall back to the connection's company."""
    stored = store.settings.all()
    company_id = stored.get(LINKED_COMPANY_KEY)
    if company_id:
        return CompanyIdentity(company_id, stored.get(_LINKED_NAME_KEY) or None, stored.get(_LINKED_ORG_KEY) or None)
    connection = store.connections.get("eekonomi")
    if connection is None or not connection.company_id:
        return None
    return CompanyIdentity(connection.company_id, connection.company_name, connection.company_org_number)


def remember_company(store: Store, identity: CompanyIdentity) -> None:
    store.settings.set_many(
        {
            LINKED_COMPANY_KEY: identity.company_id,
            _LINKED_NAME_KEY: identity.name or "",
            _LINKED_ORG_KEY: identity.org_number or "",
        }
    )


def company_change_error(linked: CompanyIdentity | None, current: CompanyIdentity | None) -> ConfigError | None:
    """The X4 stop when ``current`` is another company than ``linked``; ``None`` when they agree or one is unknown."""
    if linked is None or current is None or current.company_id == linked.company_id:
        return None
    return ConfigError(
        f"Visma eEkonomi-anslutningen gäller nu företaget {current.describe()}, inte "
        f"{linked.describe()} som brygga har fört över till. Inga överföringar görs.",
        hint=RECONNECT_HINT,
        message_en=f"The Visma eEkonomi connection now belongs to the company {current.describe()}, not "
        f"{linked.describe()} that brygga has transferred to. No transfers are made.",
        hint_en="Connect again under Connections (or with brygga connect eekonomi) and choose the right company.",
    )


def company_taken_error(store: Store, current: CompanyIdentity | None) -> ConfigError | None:
    """The X4 refusal when another brygga company than ``store``'s is linked (or connected) to ``current``."""
    if current is None:
        return None
    for company in CompanyRegistry(store.db).all():
        if company.id == store.tenant:
            continue
        other = linked_company(Store.for_tenant(store.db, company.id))
        if other is not None and other.company_id == current.company_id:
            return ConfigError(
                f"Visma eEkonomi-företaget {current.describe()} är redan anslutet till brygga-företaget "
                f"{company.id} ({company.name}). Två brygga-företag kan inte föra över till samma bokföring, så "
                f"{store.tenant} ansluts inte.",
                hint="Logga in igen och välj det eEkonomi-företag som hör till "
                f"{store.tenant}, eller arbeta med {company.id} (--company {company.id}).",
                message_en=f"The Visma eEkonomi company {current.describe()} is already connected to the brygga "
                f"company {company.id} ({company.name}). Two brygga companies cannot transfer into the same books, "
                f"so {store.tenant} is not connected.",
                hint_en=f"Log in again and choose the eEkonomi company of {store.tenant}, or work with "
                f"{company.id} (--company {company.id}).",
            )
    return None
