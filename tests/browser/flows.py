"""What a user does in brygga's pages, step by step, written once for every test that needs it.

Paths are relative: every page's context has the brygga app under test as its ``base_url``.

Each flow drives the real pages with Playwright and waits with ``expect`` (which retries) for the page to show
the outcome, never with fixed sleeps.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from brygga_emulators import severa as pm_emulator
from tests.browser.servers import Emulators

__all__ = [
    "BROKEN_ORDER_CSV",
    "CATEGORIES",
    "COMPANY",
    "FINISHED",
    "PASSWORD",
    "RETRY",
    "TRANSFER_TIMEOUT_MS",
    "choose_password",
    "connect_eekonomi",
    "connect_pm",
    "log_in",
    "result_box",
    "run_category",
    "save_demo_settings",
    "screenshot",
    "upload_orders",
]

PASSWORD = "korrekt häst batteri"
COMPANY = "Demo Konsult AB (sandbox)"  # the eEkonomi demo emulator's company
# The category table on "/", in its order, with the names the buttons' labels use.
CATEGORIES = {
    "customers": "Kunder",
    "articles": "Artiklar",
    "projects": "Projekt",
    "invoices": "Fakturor",
    "invoice-status": "Fakturastatus",
    "supplier-invoices": "Leverantörsfakturor",
    "orders": "Order",
}
# A transfer against the demo takes a second or two; the page polls its status every second.
TRANSFER_TIMEOUT_MS = 30_000
REPO_ROOT = Path(__file__).resolve().parents[2]

# Two released/unreleased orders and a third whose quantity is no number (line 6): the third is refused.
BROKEN_ORDER_CSV = "\n".join(
    [
        "order_number;released;customer_number;customer_name;country_code;address_line1;postal_code;city;"
        "payment_terms_days;row_text;quantity;unit;unit_price;vat_rate",
        "GKS-10004;ja;1001;Byggfirman i Norr AB;SE;Storgatan 1;901 10;Umeå;30;Reglar 45x95;120;m;18,90;25",
        "GKS-10004;ja;1001;Byggfirman i Norr AB;SE;Storgatan 1;901 10;Umeå;30;Frakt;1;st;1 250,00;25",
        "GKS-10005;nej;3007;Fjällstugan HB;SE;Fjällvägen 3;830 13;Åre;10;Broschyr;50;st;12,50;6",
        "GKS-10006;ja;1001;Byggfirman i Norr AB;SE;Storgatan 1;901 10;Umeå;30;Skruv;1;st;89,00;25",
        "GKS-10006;ja;1001;Byggfirman i Norr AB;SE;Storgatan 1;901 10;Umeå;30;Spik;tolv;st;45,00;25",
        "",
    ]
)


def choose_password(page: Page) -> None:
    """First start: the setup page, the password twice, and brygga's start page."""
    page.goto("/setup")
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Upprepa lösenordet").fill(PASSWORD)
    page.get_by_role("button", name="Spara lösenord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dataöverföring")


def log_in(page: Page) -> None:
    page.goto("/login")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dataöverföring")


def connect_pm(page: Page, emulators: Emulators, secret: str = pm_emulator.DEMO_CLIENT_SECRET) -> None:
    """Fill in Visma PM's form on Anslutningar and send it; the caller checks the outcome."""
    page.goto("/connections")
    form = page.locator("form[action='/connections/severa']")
    form.get_by_label("API-adress").fill(emulators.pm_url)
    form.get_by_label("Klient-id").fill(pm_emulator.DEMO_CLIENT_ID)
    form.get_by_label("Klienthemlighet").fill(secret)
    form.get_by_role("button", name="Anslut: Visma PM").click()


def connect_eekonomi(
    page: Page, emulators: Emulators, *, screenshot_as: str | None = None, company: str = COMPANY
) -> None:
    """Visma eEkonomi's form with the loopback demo client (id and secret empty), then the OAuth redirect to
    the emulator's company picker: choose the company, approve, and come back to Anslutningar showing it."""
    page.goto("/connections")
    form = page.locator("form[action='/connections/eekonomi']")
    form.get_by_label("API-adress").fill(f"{emulators.eek_url}/v2")
    form.get_by_label("Inloggningsadress (OAuth)").fill(emulators.eek_url)
    form.get_by_label("Klient-id").fill("")
    form.get_by_label("Klienthemlighet").fill("")
    form.get_by_role("button", name="Anslut: Visma eEkonomi").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(emulators.eek_url)}/connect/authorize"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Select company")
    if screenshot_as:
        screenshot(page, screenshot_as)
    page.get_by_role("radio", name=company).check()
    page.get_by_role("button", name="Approve").click()
    expect(page).to_have_url(re.compile(r"/connections(\?.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anslutningar")
    expect(page.get_by_text(company).first).to_be_visible()


def save_demo_settings(page: Page) -> None:
    """S1-S8 as the demo company needs them for every category to have work: saved, and said so."""
    page.goto("/")
    form = page.locator("form#settings")
    form.get_by_label("Resultatenhet för projekt").fill("Projekt")
    form.get_by_label("Standard artikelnummer").fill("DIV")
    form.get_by_label("Leverantörsfakturor i PM").select_option(label="Fakturerbar")
    form.get_by_role("button", name="Spara inställningar").click()
    expect(page.locator("form#settings [role=status]")).to_have_text("Inställningarna sparades.")


# The finished result box's states: a real run's (done, partly done, failed, nothing to do) or a dry run's.
FINISHED = re.compile(r"^(ok|partial|failed|nothing|dry-run)$")
RETRY = "Försök igen med de misslyckade"


def run_category(page: Page, category: str, *, dry_run: bool, retry: bool = False) -> None:
    """Press a category's Torrkörning, Överför or (``retry``) "Försök igen med de misslyckade" in the category
    table, and wait until the polled status fragment has finished."""
    button = RETRY if retry else "Torrkörning" if dry_run else "Överför"
    # The answer replaces #run-status (outerHTML): waiting for the old element to go keeps an earlier run's
    # finished box from passing for this run's.
    before = page.locator("#run-status").element_handle()
    page.locator("#categories").get_by_role("button", name=f"{button}: {CATEGORIES[category]}", exact=True).click()
    page.wait_for_function("status => !status.isConnected", arg=before)
    expect(result_box(page)).to_have_attribute("data-state", FINISHED, timeout=TRANSFER_TIMEOUT_MS)


def result_box(page: Page) -> Locator:
    return page.locator("#run-status .box[data-state]")


def upload_orders(page: Page, tmp_dir: Path, name: str = "order-fil.csv", content: str = BROKEN_ORDER_CSV) -> None:
    page.goto("/orders")
    path = tmp_dir / name
    path.write_text(content, encoding="utf-8")
    page.get_by_label("Orderfil (JSON eller CSV)").set_input_files(path)
    page.get_by_role("button", name="Läs in").click()
    expect(page.locator("main .box[data-state]")).to_be_visible()


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG under ``$BRYGGA_ARTIFACTS_DIR/screenshots`` (default ``test-artifacts/`` in the repo)."""
    folder = Path(os.environ.get("BRYGGA_ARTIFACTS_DIR", REPO_ROOT / "test-artifacts")) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path
