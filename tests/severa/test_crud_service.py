"""The shared get/create/update of Severa's resource services: a service that forgets its model or routes fails
when it is defined, never in the middle of a transfer."""

from __future__ import annotations

import pytest

from brygga.severa.models import Customer
from brygga.severa.service_base import CrudService


def test_a_service_without_its_model_is_refused_at_definition() -> None:
    with pytest.raises(TypeError, match="must set _MODEL"):

        class Forgetful(CrudService[Customer]):
            _LIST = "/v1/customers"
            _ONE = "/v1/customers/{guid}"


def test_a_complete_service_is_accepted() -> None:
    class Complete(CrudService[Customer]):
        _MODEL = Customer
        _LIST = "/v1/customers"
        _ONE = "/v1/customers/{guid}"

    assert Complete._MODEL is Customer
