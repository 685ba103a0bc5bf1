"""Why a check could not run, said so that a user knows what to do (never a traceback).

eEkonomi's company-level refusals get their own explanations, because they are what a new setup meets first:
ErrorCode 4002 with "No access to module: api_standard" means the add-on for API access is not activated
(the seed's first checklist item); 4009 means the company's product variant lacks the endpoint.
"""

from __future__ import annotations

from brygga.doctor.results import Check, CheckResult, Msg
from brygga.errors import ApiError, AuthError, ConfigError, RateLimitedError, TransportError

__all__ = ["NO_MODULE", "blocked", "explain", "not_connected", "skipped_because"]

SYSTEM_NAMES = {"eekonomi": "Visma eEkonomi", "severa": "Visma PM"}

NO_MODULE = (
    Msg(
        "Visma eEkonomi nekar API-åtkomst (ErrorCode 4002, No access to module): API-tillägget är inte aktiverat, "
        "eller så valdes ett företag utan licens vid anslutningen.",
        "Visma eEkonomi refuses API access (ErrorCode 4002, No access to module): the API add-on is not "
        "activated, or a company without a licence was chosen when connecting.",
    ),
    Msg(
        "Aktivera tillägget API Integration (Visma Integration) under menyvalet Appar och tillval i Visma "
        "eEkonomi. Välj rätt företag och anslut igen om det behövs: brygga connect eekonomi.",
        "Activate the add-on API Integration (Visma Integration) under Apps and extensions in Visma eEkonomi. "
        "Choose the right company and connect again if needed: brygga connect eekonomi.",
    ),
)
PRODUCT_VARIANT = (
    Msg(
        "Företagets produktvariant i Visma eEkonomi saknar den här delen av API:t (ErrorCode 4009, "
        "NoAccessDueToProductVariant); till exempel har Solo inga resultatenheter.",
        "The company's Visma eEkonomi product variant lacks this part of the API (ErrorCode 4009, "
        "NoAccessDueToProductVariant); Solo, for example, has no cost centers.",
    ),
    Msg(
        "Byt till en produktvariant som har funktionen (t.ex. Standard eller Pro) under Appar och tillval, "
        "eller kontakta Visma Support.",
        "Change to a product variant that has the feature (e.g. Standard or Pro) under Apps and extensions, or "
        "contact Visma Support.",
    ),
)
COMPANY_NOT_ACTIVE = (
    Msg(
        "Företaget i Visma eEkonomi är inte aktivt (ErrorCode 4004).",
        "The company in Visma eEkonomi is not active (ErrorCode 4004).",
    ),
    Msg(
        "Kontrollera abonnemanget i Visma eEkonomi, eller anslut ett aktivt företag: brygga connect eekonomi.",
        "Check the subscription in Visma eEkonomi, or connect an active company: brygga connect eekonomi.",
    ),
)
_RECONNECT = {
    "eekonomi": Msg(
        "Anslut igen och logga in som en användare med tillgång till företaget: brygga connect eekonomi",
        "Connect again, logging in as a user with access to the company: brygga connect eekonomi",
    ),
    "severa": Msg(
        "Kontrollera klient-id och klienthemlighet (Visma PM: Inställningar > Integrationer > REST API) och anslut "
        "igen: brygga connect severa",
        "Check the client id and secret (Visma PM: Settings > Integrations > REST API) and connect again: brygga "
        "connect severa",
    ),
}
_COMPANY_CODES = {"4002": NO_MODULE, "4004": COMPANY_NOT_ACTIVE, "4009": PRODUCT_VARIANT}


def not_connected(system: str) -> tuple[Msg, Msg]:
    name = SYSTEM_NAMES[system]
    command = (
        "brygga connect eekonomi --api-url URL --auth-url URL"
        if system == "eekonomi"
        else "brygga connect severa --api-url URL --client-id ID --client-secret HEMLIGHET"
    )
    return (
        Msg(f"{name} är inte ansluten.", f"{name} is not connected."),
        Msg(f"Anslut med: {command}", f"Connect with: {command}"),
    )


def skipped_because(reason: Msg) -> Msg:
    """The found-text of a check that depends on a connection that failed earlier in the report."""
    return Msg("Kunde inte kontrolleras:", "Could not be checked:") + reason


_UNREACHABLE = {
    "eekonomi": (
        Msg(
            "ingen åtkomst till Visma eEkonomi (se raden API-åtkomst).", "no access to Visma eEkonomi (see API access)."
        ),
        Msg(
            "Åtgärda API-åtkomsten först och kör brygga doctor igen.",
            "Fix the API access first, then run brygga doctor again.",
        ),
    ),
    "severa": (
        Msg("ingen åtkomst till Visma PM (se raden Anslutning).", "no access to Visma PM (see Connection)."),
        Msg(
            "Åtgärda anslutningen först och kör brygga doctor igen.",
            "Fix the connection first, then run brygga doctor again.",
        ),
    ),
}


def blocked(check: Check, system: str) -> CheckResult:
    """The red line of a check that needs a system whose connection failed (said once, on its own line)."""
    reason, action = _UNREACHABLE[system]
    return check.red(skipped_because(reason), action)


def _company_refusal(exc: ApiError) -> tuple[Msg, Msg] | None:
    if exc.system != "eekonomi":
        return None
    if "no access to module" in (exc.developer_message or "").casefold():
        return NO_MODULE
    code = str(exc.error_code) if exc.error_code is not None else ""
    if code == "4002" and exc.status != 403:
        return None  # the same number also means CanNotBeCreatedOrUpdated on a write
    return _COMPANY_CODES.get(code)


def _api_failure(exc: ApiError) -> tuple[Msg, Msg]:
    name = SYSTEM_NAMES.get(exc.system, exc.system)
    detail = str(exc)
    if isinstance(exc, AuthError):
        status = f" (HTTP {exc.status})" if exc.status else ""
        return Msg(f"{name} godtog inte inloggningen{status}.", f"{name} refused the login{status}."), _RECONNECT[
            exc.system
        ]
    if isinstance(exc, RateLimitedError):
        return (
            Msg(f"{name} begränsar antalet anrop just nu.", f"{name} is limiting the number of calls right now."),
            Msg("Vänta en minut och kör brygga doctor igen.", "Wait a minute and run brygga doctor again."),
        )
    if isinstance(exc, TransportError):
        return (
            Msg(f"{name} gick inte att nå: {detail}", f"{name} could not be reached: {detail}"),
            Msg("Kontrollera nätverket och adressen i anslutningen.", "Check the network and the connection's URL."),
        )
    return (
        Msg(f"Anropet till {name} misslyckades: {detail}", f"The call to {name} failed: {detail}"),
        Msg(
            "Försök igen; kvarstår felet, kontakta supporten med ErrorId.",
            "Try again; if it stays, contact support with the ErrorId.",
        ),
    )


def explain(exc: BaseException) -> tuple[Msg, Msg]:
    """What went wrong and what to do about it, for any failure of a check."""
    if isinstance(exc, ApiError):
        return _company_refusal(exc) or _api_failure(exc)
    if isinstance(exc, ConfigError):
        # ConfigError texts are Swedish only; English readers get them as they are rather than nothing.
        return Msg(exc.message, exc.message), Msg(exc.hint, exc.hint)
    text = f"{type(exc).__name__}: {exc}"
    return (
        Msg(f"Oväntat svar: {text}", f"Unexpected answer: {text}"),
        Msg(
            "Kör brygga doctor igen; kvarstår felet, kontakta supporten.",
            "Run brygga doctor again; if it stays, contact support.",
        ),
    )
