from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import jsonschema
import pytest

from brygga.http import jsonio
from brygga.severa import models
from brygga.severa.models import SeveraModel

from .fakes import severa_spec, spec_schema
from .spec_samples import find_read_only, read_only_names, sample

# Each wire model and the spec schema it mirrors.
MODEL_SCHEMAS: list[tuple[type[SeveraModel], str]] = [
    (models.Customer, "CustomerModel"),
    (models.Address, "AddressModel"),
    (models.ContactPerson, "ContactModel"),
    (models.ContactCommunication, "ContactCommunicationModel"),
    (models.CommunicationType, "CommunicationTypeModel"),
    (models.Currency, "CurrencyOutputModel"),
    (models.Country, "CountryModel"),
    (models.NamedRef, "ModelWithName"),
    (models.UserRef, "UserWithFirstNameLastNameAndPhotoFileModel"),
    (models.CurrencyRef, "CustomerCurrency"),
    (models.InvoicingVat, "CustomerInvoicingVat"),
    (models.LanguageRef, "CustomerLanguage"),
    (models.HeadquarterAddress, "CustomerHeadquarterAddress"),
    (models.AddressCountry, "AddressCountry"),
    (models.AddressCustomer, "AddressCustomer"),
    (models.ContactCustomer, "ContactCustomer"),
    (models.ContactRef, "ModelBaseWithRequiredGuid"),
    (models.CommunicationTypeRef, "CommunicationTypeSubModel"),
    (models.CountryCurrency, "CurrencyBaseModel"),
]

# The models brygga POSTs, with the schema of the route's request body.
CREATE_SCHEMAS = MODEL_SCHEMAS[:5]


@pytest.mark.parametrize(("model", "schema_name"), MODEL_SCHEMAS, ids=[name for _, name in MODEL_SCHEMAS])
def test_declared_fields_and_read_only_sets_match_the_spec(model: type[SeveraModel], schema_name: str) -> None:
    schema = spec_schema(schema_name)

    assert set(model.model_fields) <= set(schema["properties"]), "a field the spec does not have"
    assert read_only_names(schema) == model.READ_ONLY


@pytest.mark.parametrize(("model", "schema_name"), CREATE_SCHEMAS, ids=[name for _, name in CREATE_SCHEMAS])
def test_create_body_drops_read_only_fields_and_fits_the_schema(model: type[SeveraModel], schema_name: str) -> None:
    schema = spec_schema(schema_name)
    full = sample(schema)
    assert find_read_only(full, schema), "the sample must contain read-only fields to prove they are dropped"

    body = model.model_validate(full).to_create_body()

    assert find_read_only(body, schema) == []
    assert set(schema.get("required", [])) <= set(body)
    validator = jsonschema.Draft7Validator({**schema, "components": severa_spec()["components"]})
    assert [error.message for error in validator.iter_errors(body)] == []


def test_create_body_leaves_out_unset_values_and_empty_sub_objects() -> None:
    customer = models.Customer(name="Kund AB", headquarterAddress=models.HeadquarterAddress(city="Lund"))

    assert customer.to_create_body() == {"name": "Kund AB", "isActive": True}


def test_decimals_round_trip_exactly() -> None:
    wire = (
        b'{"guid": "c1", "name": "Kund", "overdueInterest": 8.50, '
        b'"invoicingVat": {"guid": "v1", "percentage": 25.00}, "annualRevenue": 1000000, "discount": 0.10}'
    )
    customer = models.Customer.model_validate(jsonio.loads(wire))

    assert customer.overdueInterest == Decimal("8.50")
    assert isinstance(customer.overdueInterest, Decimal)
    assert customer.invoicingVat is not None and isinstance(customer.invoicingVat.percentage, Decimal)
    out = jsonio.dumps(customer.to_create_body())
    assert b'"overdueInterest": 8.50' in out
    assert b'"percentage": 25.00' in out
    assert b'"discount": 0.10' in out  # an unknown field keeps its Decimal too
    assert b'"annualRevenue": 1000000' in out


def test_currency_rate_is_decimal() -> None:
    currency = models.Currency.model_validate(jsonio.loads(b'{"code": "EUR", "rate": 11.4235}'))
    assert currency.rate == Decimal("11.4235")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-01T12:00:00Z", datetime(2025, 3, 1, 12, 0, tzinfo=UTC)),
        ("2025-03-01T12:00:00", datetime(2025, 3, 1, 12, 0, tzinfo=UTC)),
        ("2025-03-01T14:00:00+02:00", datetime(2025, 3, 1, 12, 0, tzinfo=UTC)),
    ],
)
def test_datetimes_are_aware(text: str, expected: datetime) -> None:
    address = models.Address.model_validate({"guid": "a1", "createdDateTime": text})

    assert address.createdDateTime is not None
    assert address.createdDateTime.utcoffset() is not None
    assert address.createdDateTime == expected


def test_unknown_fields_are_kept() -> None:
    contact = models.ContactPerson.model_validate(
        {"customer": {"guid": "c1"}, "firstName": "Anna", "lastName": "Ek", "salutation": "Ms."}
    )
    assert contact.model_extra == {"salutation": "Ms."}
    assert contact.to_create_body()["salutation"] == "Ms."


def test_wire_value_writes_datetimes_as_utc_iso() -> None:
    moment = datetime(2025, 3, 1, 13, 0, tzinfo=UTC) + timedelta(microseconds=5)
    assert models.wire_value({"at": moment}) == {"at": "2025-03-01T13:00:00.000005Z"}
