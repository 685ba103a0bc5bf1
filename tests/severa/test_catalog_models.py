"""Products, work types, travel expense types, VAT rates, projects and price lists against the spec."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import jsonschema
import pytest

from brygga.http import jsonio
from brygga.severa import article_models, models, price_models, project_models
from brygga.severa.models import SeveraModel

from .fakes import severa_spec, spec_schema
from .spec_samples import read_only_names, resolve, sample

# Each wire model, the output schema it reads and, where brygga writes it, the input schema.
MODEL_SCHEMAS: list[tuple[type[SeveraModel], str, str | None]] = [
    (article_models.Product, "ProductOutputModel", "ProductInputModel"),
    (article_models.WorkType, "WorkTypeOutputModel", "WorkTypeInputModel"),
    (article_models.TravelExpenseType, "TravelExpenseTypeOutputModel", "TravelExpenseTypeInputModel"),
    (article_models.VatRate, "VatRateOutputModel", "VatRateInputModel"),
    (article_models.InputRef, "ModelWithName", "SimpleInputModel"),
    (article_models.AccountRef, "ProductSalesAccountSubModel", "SimpleInputModel"),
    (article_models.AccountRef, "ProductSalesAccountSubModel2", "SimpleInputModel"),
    (article_models.AccountRef, "TravelExpenseCostAccountSubModel", "SimpleInputModel"),
    (models.Money, "MoneyOutputModel", "MoneyInputModelWithNullableAmount"),
    (models.MultiCurrencyInfo, "MultiCurrencyInfoModel", None),
    (models.RequiredCurrencyRef, "CurrencySubModel2", None),
    (models.RequiredCurrencyRef, "PriceListCurrency2", None),
    (models.GuidRef, "ModelBase", None),
    (models.NamedRef, "ModelWithName", None),
    (models.UserRef, "UserWithFirstNameLastNameAndPhotoFileModel", None),
    (project_models.Project, "ProjectOutputModel", None),
    (project_models.ProjectCustomer, "ProjectCustomerSubModel", None),
    (project_models.ProjectCostCenter, "ProjectCostCenterSubModel", None),
    (project_models.ProjectStatusRef, "ProjectStatusSubModel", None),
    (project_models.SalesStatusRef, "SalesStatusSubModel", None),
    (project_models.ProjectPricelistRef, "ProjectPricelistSubModel", None),
    (price_models.PriceList, "PriceListOutputModel", None),
    (price_models.PriceListVersion, "PricelistVersionOutputModel", None),
    (price_models.WorkHourPrice, "WorkHourPriceOutputModel", None),
    (price_models.TravelPrice, "TravelPriceOutputModel", None),
    (price_models.TravelPriceProduct, "TravelPriceProductSubModel", None),
    (price_models.PriceEntry, "PriceModelBase", None),
]
WRITTEN = [(model, output, written) for model, output, written in MODEL_SCHEMAS if written is not None]
TOP_LEVEL_WRITTEN = WRITTEN[:4]

# Which model stands for which schema, so a sub-object field can be checked against its $ref.
MODELS_OF_SCHEMA: dict[str, set[type[SeveraModel]]] = {}
for _model, _schema, _ in MODEL_SCHEMAS:
    MODELS_OF_SCHEMA.setdefault(_schema, set()).add(_model)


def schema_ids(cases: Sequence[tuple[type[SeveraModel], str, str | None]]) -> list[str]:
    return [f"{model.__name__}-{schema}" for model, schema, _ in cases]


def model_classes(annotation: Any) -> set[type[SeveraModel]]:
    """The SeveraModel classes inside ``X | None`` or ``list[X] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, SeveraModel):
        return {annotation}
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (typing.Union, list):
        return {found for arg in typing.get_args(annotation) for found in model_classes(arg)}
    return set()


def keys_outside(body: Any, schema: dict[str, Any], where: str = "") -> list[str]:
    """Every key in ``body`` (at any depth) that the schema does not declare."""
    schema = resolve(schema)
    if isinstance(body, list):
        return [hit for item in body for hit in keys_outside(item, schema.get("items", {}), where + "/*")]
    if not isinstance(body, dict):
        return []
    properties = schema.get("properties", {})
    hits = [f"{where}/{name}" for name in body if name not in properties]
    for name, value in body.items():
        if name in properties:
            hits += keys_outside(value, properties[name], f"{where}/{name}")
    return hits


@pytest.mark.parametrize(("model", "schema_name", "input_name"), MODEL_SCHEMAS, ids=schema_ids(MODEL_SCHEMAS))
def test_fields_and_read_only_sets_match_the_spec(
    model: type[SeveraModel], schema_name: str, input_name: str | None
) -> None:
    schema = spec_schema(schema_name)

    assert set(model.model_fields) <= set(schema["properties"]), "a field the spec does not have"
    assert read_only_names(schema) == model.READ_ONLY


@pytest.mark.parametrize(("model", "schema_name", "input_name"), WRITTEN, ids=schema_ids(WRITTEN))
def test_output_only_fields_are_exactly_those_the_input_schema_lacks(
    model: type[SeveraModel], schema_name: str, input_name: str
) -> None:
    output = set(spec_schema(schema_name)["properties"])
    written = set(spec_schema(input_name)["properties"])

    expected = (output - written - read_only_names(spec_schema(schema_name))) & set(model.model_fields)
    assert expected == model.OUTPUT_ONLY


@pytest.mark.parametrize(("model", "schema_name", "input_name"), MODEL_SCHEMAS, ids=schema_ids(MODEL_SCHEMAS))
def test_sub_object_fields_use_the_model_of_their_schema(
    model: type[SeveraModel], schema_name: str, input_name: str | None
) -> None:
    properties = spec_schema(schema_name)["properties"]
    for name, field in model.model_fields.items():
        spec_property = properties[name]
        ref = spec_property.get("$ref") or spec_property.get("items", {}).get("$ref")
        used = model_classes(field.annotation)
        if ref is None:
            assert not used, f"{name} is a scalar in the spec"
            continue
        target = ref.rsplit("/", 1)[1]
        if "enum" in spec_schema(target):
            continue  # enums are kept as plain strings
        assert used and used <= MODELS_OF_SCHEMA.get(target, set()), f"{name} should be the model of {target}"


@pytest.mark.parametrize(("model", "schema_name", "input_name"), MODEL_SCHEMAS, ids=schema_ids(MODEL_SCHEMAS))
def test_a_spec_shaped_answer_is_read(model: type[SeveraModel], schema_name: str, input_name: str | None) -> None:
    full = sample(spec_schema(schema_name))

    parsed = model.model_validate(full)

    # The sample fills every property, so a declared field left empty was read under a wrong name.
    assert [name for name in model.model_fields if getattr(parsed, name) is None] == []


@pytest.mark.parametrize(("model", "schema_name", "input_name"), TOP_LEVEL_WRITTEN, ids=schema_ids(TOP_LEVEL_WRITTEN))
def test_create_body_holds_only_input_fields_and_fits_the_input_schema(
    model: type[SeveraModel], schema_name: str, input_name: str
) -> None:
    schema = spec_schema(input_name)
    body = model.model_validate(sample(spec_schema(schema_name))).to_create_body()

    assert keys_outside(body, schema) == []
    assert set(schema.get("required", [])) <= set(body)
    validator = jsonschema.Draft7Validator({**schema, "components": severa_spec()["components"]})
    assert [error.message for error in validator.iter_errors(body)] == []


def test_product_money_and_vat_round_trip_exactly() -> None:
    wire = (
        b'{"guid": "p1", "code": "P-100", "name": "Licens Projektverktyg", "measurementUnit": "st", '
        b'"vatRate": 25.00, "unitPrice": {"amount": 1200.00, "currencyCode": "SEK"}, '
        b'"unitCost": {"amount": 800.10, "currencyCode": "SEK", "multiCurrencyInfo": [{"amount": 70.05}]}}'
    )
    product = article_models.Product.model_validate(jsonio.loads(wire))

    assert product.unitPrice is not None and product.unitPrice.amount == Decimal("1200.00")
    assert isinstance(product.vatRate, Decimal)
    out = jsonio.dumps(product.to_create_body())
    assert b'"amount": 1200.00' in out
    assert b'"amount": 800.10' in out
    assert b'"vatRate": 25.00' in out
    assert b"multiCurrencyInfo" not in out


def test_travel_expense_type_create_body_leaves_out_what_severa_derives() -> None:
    travel = article_models.TravelExpenseType(
        guid="t1",
        name="Milersättning",
        expenseClass="Mileage",
        isMileage=True,
        unitCost=models.Money(amount=Decimal("2.50"), currencyCode="SEK"),
        salesAccount=article_models.AccountRef(guid="acc", number="3010", name="Försäljning"),
    )

    assert travel.to_create_body() == {
        "name": "Milersättning",
        "expenseClass": "Mileage",
        "unitCost": {"amount": Decimal("2.50"), "currencyCode": "SEK"},
        "isActive": True,
        "salesAccount": {"guid": "acc"},
    }


def test_a_project_reads_dates_and_its_customer() -> None:
    project = project_models.Project.model_validate(
        {
            "guid": "pr1",
            "number": 2050,
            "name": "Stängt projekt",
            "isClosed": True,
            "closedDate": "2024-11-30",
            "customer": {"guid": "c1", "name": "Nordvik Bygg AB", "number": 1001},
            "lastUpdatedDateTime": "2025-01-02T08:00:00",
        }
    )

    assert project.closedDate is not None and project.closedDate.isoformat() == "2024-11-30"
    assert project.customer is not None and project.customer.number == 1001
    assert project.lastUpdatedDateTime is not None and project.lastUpdatedDateTime.utcoffset() is not None


def test_a_vat_rate_needs_its_percentage() -> None:
    with pytest.raises(ValueError, match="percentage"):
        article_models.VatRate.model_validate({"guid": "v1", "code": "25"})
