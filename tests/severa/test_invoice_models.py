"""Invoice statuses, invoices, invoice rows and project fees against the spec, and their money."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import jsonschema
import pytest

from brygga.http import jsonio
from brygga.severa import article_models, fee_models, invoice_models, models
from brygga.severa.models import SeveraModel

from .fakes import severa_spec, spec_schema
from .spec_samples import read_only_names, sample
from .test_catalog_models import keys_outside, model_classes

# Each wire model, the output schema it reads and, where brygga writes it, the input schema.
MODEL_SCHEMAS: list[tuple[type[SeveraModel], str, str | None]] = [
    (invoice_models.InvoiceStatus, "InvoiceStatusModel", "InvoiceStatusModel"),
    (fee_models.ProjectFee, "ProjectFeeOutputModel", "ProjectFeeInputModel"),
    (fee_models.FeeProject, "ProjectFeeProjectSubModel", "SimpleInputRequiredModel"),
    (fee_models.FeeProduct, "ProjectFeeProductSubModel", "SimpleInputModel"),
    (fee_models.FeeCostCenter, "ProjectCostCenterSubModel", "SimpleInputModel"),
    (fee_models.FeePhase, "ProjectFeePhaseSubModel", "SimpleInputModel"),
    (fee_models.FeeUser, "UserSubModel", "SimpleInputModel"),
    (fee_models.FeeInvoice, "ProjectFeeInvoiceSubModel", "SimpleInputModel"),
    (article_models.InputRef, "ModelWithName", "SimpleInputModel"),
    (article_models.AccountRef, "ProjectSalesAccountSubModel", "SimpleInputModel"),
    (models.Money, "MoneyOutputModel", "MoneyInputModelWithNullableAmount"),
    (fee_models.ProjectFeeCustomer, "ProjectFeeCustomerSubModel", None),
    (invoice_models.Invoice, "InvoiceOutputModel", None),
    (invoice_models.InvoiceStatusRef, "InvoiceStatusSubModel", None),
    (invoice_models.InvoiceCustomer, "InvoiceCustomerSubModel", None),
    (invoice_models.InvoiceAddress, "InvoiceReceiverAddressSubModel", None),
    (invoice_models.InvoiceAddress, "InvoiceSenderAddressSubModel", None),
    (invoice_models.InvoiceProject, "InvoiceProjectSubModel", None),
    (invoice_models.RelatedInvoice, "RelatedInvoiceSubModel", None),
    (invoice_models.InvoiceLanguage, "InvoiceLanguageSubModel", None),
    (invoice_models.InvoiceCulture, "FormattingCultureSubModel2", None),
    (invoice_models.FreeText, "FreeTextModel2", None),
    (invoice_models.InvoiceRow, "InvoiceRowOutputModel", None),
    (invoice_models.InvoiceRowAccount, "InvoiceRowAccountingSubModel", None),
    (models.RequiredCurrencyRef, "CurrencySubModel", None),
    (models.NamedRef, "ModelWithName", None),
    (models.UserRef, "UserWithFirstNameLastNameAndPhotoFileModel", None),
    (models.MultiCurrencyInfo, "MultiCurrencyInfoModel", None),
]
WRITTEN = [(model, output, written) for model, output, written in MODEL_SCHEMAS if written is not None]
TOP_LEVEL_WRITTEN = WRITTEN[:2]

MODELS_OF_SCHEMA: dict[str, set[type[SeveraModel]]] = {}
for _model, _schema, _ in MODEL_SCHEMAS:
    MODELS_OF_SCHEMA.setdefault(_schema, set()).add(_model)


def schema_ids(cases: Sequence[tuple[type[SeveraModel], str, str | None]]) -> list[str]:
    return [f"{model.__name__}-{schema}" for model, schema, _ in cases]


@pytest.mark.parametrize(("model", "schema_name", "input_name"), MODEL_SCHEMAS, ids=schema_ids(MODEL_SCHEMAS))
def test_fields_and_read_only_sets_match_the_spec(
    model: type[SeveraModel], schema_name: str, input_name: str | None
) -> None:
    schema = spec_schema(schema_name)

    assert set(model.model_fields) <= set(schema["properties"]), "a field the spec does not have"
    assert read_only_names(schema) == model.READ_ONLY


@pytest.mark.parametrize(
    "model",
    [invoice_models.Invoice, invoice_models.InvoiceRow, invoice_models.InvoiceStatus, fee_models.ProjectFee],
)
def test_top_level_models_declare_every_property_of_their_output_schema(model: type[SeveraModel]) -> None:
    schema_name = {
        invoice_models.Invoice: "InvoiceOutputModel",
        invoice_models.InvoiceRow: "InvoiceRowOutputModel",
        invoice_models.InvoiceStatus: "InvoiceStatusModel",
        fee_models.ProjectFee: "ProjectFeeOutputModel",
    }[model]

    assert set(spec_schema(schema_name)["properties"]) - set(model.model_fields) == set()


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
    parsed = model.model_validate(sample(spec_schema(schema_name)))

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


INVOICE_5001 = (
    b'{"guid": "inv-5001", "number": null, "date": "2026-11-15", "dueDate": "2026-12-15", "paymentTerm": 30,'
    b' "status": {"guid": "st-send", "name": "Skicka till eEkonomi", "isSent": false, "isPaid": false},'
    b' "customer": {"guid": "c-1001", "name": "Nordvik Bygg AB", "number": 1001},'
    b' "receiverAddress": {"addressline": "Storgatan 1", "postalCode": "111 22", "city": "Stockholm",'
    b' "country": "Sverige"}, "receiverCustomerName": "Nordvik Bygg AB",'
    b' "yourReference": "Anna Andersson", "ourReference": "Per Persson",'
    b' "currency": {"guid": "cur-sek", "code": "SEK"}, "currencyRate": 1.000000,'
    b' "totalExcludingTax": {"amount": 25670.00, "currencyCode": "SEK"},'
    b' "totalTax": {"amount": 6417.50, "currencyCode": "SEK"},'
    b' "totalIncludingTax": {"amount": 32087.50, "currencyCode": "SEK"},'
    b' "projects": [{"guid": "pr-2001", "name": "Nordvik Kontorsbygge", "number": 2001}],'
    b' "isCreditNote": false, "creditNoteInvoice": null, "notes": "Tack f\\u00f6r f\\u00f6rtroendet!",'
    b' "freeText1": {"value": "Avser oktober 2026"},'
    b' "freeText2": {"value": "Betalning sker till bankgiro 123-4567", "plainText": "Betalning sker till bankgiro'
    b' 123-4567"}, "lastUpdatedDateTime": "2026-11-15T08:30:00"}'
)


def test_an_invoice_reads_exact_totals_dates_and_free_texts() -> None:
    invoice = invoice_models.Invoice.model_validate(jsonio.loads(INVOICE_5001))

    assert invoice.number is None
    assert invoice.date == date(2026, 11, 15)
    assert invoice.dueDate == date(2026, 12, 15)
    assert invoice.status is not None and invoice.status.name == "Skicka till eEkonomi"
    assert invoice.totalIncludingTax is not None and invoice.totalIncludingTax.amount == Decimal("32087.50")
    assert invoice.totalTax is not None and str(invoice.totalTax.amount) == "6417.50"
    assert invoice.currencyRate == Decimal("1.000000")
    assert invoice.receiverAddress is not None and invoice.receiverAddress.postalCode == "111 22"
    assert invoice.projects is not None and [project.number for project in invoice.projects] == [2001]
    assert invoice.freeText1 is not None and invoice.freeText1.display_text == "Avser oktober 2026"
    assert invoice.freeText2 is not None and invoice.freeText2.display_text == "Betalning sker till bankgiro 123-4567"
    assert invoice.notes == "Tack för förtroendet!"
    assert invoice.lastUpdatedDateTime is not None and invoice.lastUpdatedDateTime.utcoffset() is not None


def test_free_text_prefers_the_rendered_plain_text_over_a_value_with_tags() -> None:
    tagged = invoice_models.FreeText(value="Projekt {ProjectName}", plainText="Projekt Nordvik", allowTags=True)
    blank = invoice_models.FreeText(value="", plainText=None)

    assert tagged.display_text == "Projekt Nordvik"
    assert blank.display_text is None


def test_a_credit_note_names_the_invoice_it_credits() -> None:
    credit = invoice_models.Invoice.model_validate(
        {"guid": "inv-5007", "isCreditNote": True, "creditNoteInvoice": {"guid": "inv-4990", "number": 4990}}
    )

    assert credit.isCreditNote is True
    assert credit.creditNoteInvoice is not None and credit.creditNoteInvoice.number == 4990


def test_invoice_rows_keep_code_lists_exact_quantities_and_negative_amounts() -> None:
    wire = (
        b'[{"guid": "r1", "invoiceGuid": "inv-5001", "code": ["MIL"], "description": "Milers\\u00e4ttning",'
        b' "quantity": 120.00, "measurementUnit": "km", "unitPrice": {"amount": 3.50, "currencyCode": "SEK"},'
        b' "vatRate": 25.00, "rowType": "TravelExpenses", "sortOrder": 3,'
        b' "costCenter": {"number": "2001", "name": "Nordvik Kontorsbygge"}},'
        b' {"guid": "r2", "code": [], "description": "Administrativ avgift", "quantity": 1, "unitPrice":'
        b' {"amount": 250.00, "currencyCode": "SEK"}, "vatRate": 25, "rowType": "ProjectFees"},'
        b' {"guid": "r3", "code": ["KONS"], "quantity": -2.00, "unitPrice": {"amount": 1250.00,'
        b' "currencyCode": "SEK"}, "rowType": "Hours"}]'
    )
    mileage, admin, credit = (invoice_models.InvoiceRow.model_validate(row) for row in jsonio.loads(wire))

    assert mileage.code == ["MIL"]
    assert mileage.quantity == Decimal("120.00") and isinstance(mileage.quantity, Decimal)
    assert mileage.unitPrice is not None and mileage.unitPrice.amount == Decimal("3.50")
    assert mileage.vatRate == Decimal("25")
    assert mileage.costCenter is not None and mileage.costCenter.number == "2001"
    assert admin.code == []
    assert admin.quantity == 1
    assert credit.quantity == Decimal("-2.00")
    assert credit.unitPrice is not None and credit.unitPrice.amount is not None
    assert credit.quantity * credit.unitPrice.amount == Decimal("-2500.0000")


def test_a_new_invoice_status_sends_its_flags_and_no_guid() -> None:
    status = invoice_models.InvoiceStatus(guid="ignored", name="Överförd eEkonomi", isSent=False, sortOrder=3)

    assert status.to_create_body() == {
        "name": "Överförd eEkonomi",
        "isActive": True,
        "isDefault": False,
        "isDefaultForCreditNote": False,
        "isSent": False,
        "isPaid": False,
        "isWaitingPayment": False,
        "hasInvoiceNumber": False,
        "isReadOnly": False,
        "sortOrder": 3,
    }


def test_a_project_fee_create_body_sends_references_by_guid_and_money_exactly() -> None:
    fee = fee_models.ProjectFee(
        guid="read-only",
        project=fee_models.FeeProject(guid="pr-2003", name="Nordvik Kontorsbygge", companyGuid="co"),
        name="Byggmaterial Syd AB",
        description="Leverantörsfaktura 77 rad 1",
        productType="Subcontracting",
        quantity=Decimal("1"),
        unitCost=models.Money(amount=Decimal("10000.00"), currencyCode="SEK"),
        unitPrice=models.Money(amount=Decimal("10000.00"), currencyCode="SEK"),
        isBillable=True,
        eventDate=date(2026, 11, 3),
        vatRate=Decimal("25"),
        product=fee_models.FeeProduct(guid="prod-1", code="P-150", name="Underentreprenad"),
        customer=fee_models.ProjectFeeCustomer(guid="c-1001"),
        invoiceRowGuid="row-1",
    )

    body = fee.to_create_body()

    assert body == {
        "project": {"guid": "pr-2003"},
        "name": "Byggmaterial Syd AB",
        "description": "Leverantörsfaktura 77 rad 1",
        "product": {"guid": "prod-1"},
        "productType": "Subcontracting",
        "quantity": Decimal("1"),
        "unitCost": {"amount": Decimal("10000.00"), "currencyCode": "SEK"},
        "unitPrice": {"amount": Decimal("10000.00"), "currencyCode": "SEK"},
        "vatRate": Decimal("25"),
        "isBillable": True,
        "eventDate": "2026-11-03",
    }
    assert b'"amount": 10000.00' in jsonio.dumps(body)


def test_a_project_fee_needs_its_project() -> None:
    with pytest.raises(ValueError, match="project"):
        fee_models.ProjectFee.model_validate({"name": "Utan projekt"})
