"""Password guessing is capped: five wrong passwords from one address lock it out for five minutes."""

from __future__ import annotations

import httpx

from brygga.web.login_throttle import LoginThrottle
from tests.web.conftest import PASSWORD, csrf_of


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_failures_lock_the_address_and_the_lock_ends() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(4):
        throttle.failed("10.0.0.9")
    assert throttle.wait_minutes("10.0.0.9") == 0
    throttle.failed("10.0.0.9")
    assert throttle.wait_minutes("10.0.0.9") == 5 and throttle.wait_minutes("10.0.0.8") == 0
    clock.now += 299
    assert throttle.wait_minutes("10.0.0.9") == 1
    clock.now += 2
    assert throttle.wait_minutes("10.0.0.9") == 0


def test_failures_outside_the_window_do_not_count() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for _ in range(4):
        throttle.failed("a")
    clock.now += 901
    throttle.failed("a")
    assert throttle.wait_minutes("a") == 0


def test_a_success_clears_the_count() -> None:
    throttle = LoginThrottle(clock=Clock())
    for _ in range(4):
        throttle.failed("a")
    throttle.succeeded("a")
    throttle.failed("a")
    assert throttle.wait_minutes("a") == 0


async def test_the_login_page_refuses_even_the_right_password_while_locked(admin: httpx.AsyncClient) -> None:
    token = csrf_of(
        await admin.post("/logout", data={"csrf_token": csrf_of(await admin.get("/"))}, follow_redirects=True)
    )
    for _ in range(5):
        wrong = await admin.post("/login", data={"password": "gissning-123", "csrf_token": token})
        assert wrong.status_code == 401
    locked = await admin.post("/login", data={"password": PASSWORD, "csrf_token": token})
    assert locked.status_code == 429 and "För många felaktiga lösenord. Vänta 5 minut(er)" in locked.text
