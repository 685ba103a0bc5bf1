"""The "Larm" page: add recipients (a webhook's key shown once, never listed), refuse bad input at the form, show
open alerts and "Ej levererade: n, senaste fel: …", send a test; the alert's link chooses the company."""

from __future__ import annotations

import httpx

from brygga.alerts import deliver_due, evaluate_run
from brygga.config import Settings
from brygga.store import Store
from brygga.store.alerts import AlertStore
from tests.alerts.conftest import Receiver
from tests.alerts.reports import T0, failed_objects
from tests.web.conftest import page_token


async def test_alert_page_recipients_open_alerts_and_undelivered(
    admin: httpx.AsyncClient,
    store: Store,
    settings: Settings,
    receiver: Receiver,
) -> None:
    token = await page_token(admin, "/alerts")
    form = {"csrf_token": token, "company": "default", "lang": "en", "reminder_hours": "6"}
    bad = await admin.post("/alerts/email", data={**form, "address": "inte-en-adress"})
    assert bad.status_code == 422 and "is not an e-mail address" not in bad.text and "ingen e-postadress" in bad.text
    added = await admin.post("/alerts/webhook", data={**form, "url": receiver.url + "?token=hemlis"})
    key = added.text.split("data-new-key>")[1].split("<")[0]
    assert added.status_code == 200 and len(key) >= 40
    assert (await admin.post("/alerts/email", data={**form, "address": "ekonomi@example.se"})).status_code == 303
    evaluate_run(store, settings, ["articles"], report=failed_objects(), now=T0)
    deliver_due(store.db, store.tenant, settings, now=T0)  # e-mail: no server set, kept with the reason
    page = await admin.get("/alerts")
    assert "Artiklar" in page.text and "Produkten saknar momssats" in page.text
    assert "Ej levererade: 1, senaste fel: Ingen e-postserver är inställd" in page.text
    assert key not in page.text and "hemlis" not in page.text and 'href="/alerts" aria-current="page">Larm' in page.text
    tested = await admin.post("/alerts/test", data={"csrf_token": token, "company": "default"})
    assert tested.text.count('data-state="ok"') == 1 and tested.text.count('data-state="failed"') == 1
    first = AlertStore(store.db, store.tenant).recipients()[0].id
    assert (await admin.post(f"/alerts/{first}/remove", data={"csrf_token": token})).status_code == 303
    assert len(AlertStore(store.db, store.tenant).recipients()) == 1
    link = await admin.get("/alerts/company/default")
    assert link.status_code == 303 and link.headers["location"] == "/errors"
    assert "brygga_company=default" in link.headers["set-cookie"]
