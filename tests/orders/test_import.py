"""Order files: JSON (one order or a list) and CSV (one line per row). Invalid orders are reported with their
index or line number and a Swedish reason while the valid ones are kept; a broken file is one clear problem."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import simplejson

from brygga.orders import ImportResult, import_orders
from tests.orders.builders import changed, order_document

HEADER = "order_number;released;customer_number;customer_name;row_text;quantity;unit;unit_price;vat_rate;coding"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def json_file(tmp_path: Path, documents: object) -> Path:
    return write(tmp_path, "orders.json", simplejson.dumps(documents, use_decimal=True))


def messages(result: ImportResult) -> list[str]:
    return [str(problem) for problem in result.problems]


# JSON -------------------------------------------------------------------------------------------------------
def test_json_file_with_one_order_imports_it_with_exact_decimals(tmp_path: Path) -> None:
    path = write(tmp_path, "order.json", simplejson.dumps(order_document(), use_decimal=True).replace("4,", "0.1,"))
    result = import_orders(path)
    assert messages(result) == []
    [order] = result.orders
    assert order.rows[0].quantity == Decimal("0.1")  # not 0.1000000000000000055511151231257827 from a float
    assert order.rows[0].unit_price == Decimal("1249.50")


def test_json_list_keeps_the_valid_orders_and_reports_each_invalid_one_by_index(tmp_path: Path) -> None:
    documents = [
        order_document("A"),
        changed(order_document("B"), ("rows", 1, "vat_rate"), "-6"),
        order_document("C"),
        changed(changed(order_document("D"), ("customer", "country_code"), "se"), ("order_number",), "D"),
    ]
    result = import_orders(json_file(tmp_path, documents))
    assert [order.order_number for order in result.orders] == ["A", "C"]
    assert [(problem.index, problem.order_number) for problem in result.problems] == [(1, "B"), (3, "D")]
    assert messages(result)[0].startswith("order på index 1, order B: rows[1].vat_rate: måste vara ett tal som inte")
    assert "landskod med två versaler" in messages(result)[1]


def test_json_order_with_several_faults_reports_every_one(tmp_path: Path) -> None:
    document = changed(order_document(), ("rows", 0, "quantity"), "fyra")
    del document["customer"]
    result = import_orders(json_file(tmp_path, [document]))
    assert result.orders == []
    assert messages(result) == [
        "order på index 0, order GKS-1: customer: saknas men krävs",
        "order på index 0, order GKS-1: rows[0].quantity: måste vara ett tal, som JSON-tal eller som text med "
        'decimalpunkt (t.ex. 1234.50), inte "fyra"',
    ]


def test_json_order_number_twice_in_one_file_refuses_both_copies(tmp_path: Path) -> None:
    result = import_orders(json_file(tmp_path, [order_document("A"), order_document("B"), order_document("A")]))
    assert [order.order_number for order in result.orders] == ["B"]
    assert [problem.index for problem in result.problems] == [0, 2]
    assert "förekommer flera gånger (index 0, 2)" in messages(result)[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "Filen orders.json är tom."),
        (b"  \n", "Filen orders.json är tom."),
        (b'{"order_number": "A",', "Filen orders.json är inte giltig JSON: "),
        ('{"order_number": "Å"}'.encode("latin-1"), "Filen orders.json är inte UTF-8-kodad"),
        (b"[]", "Filen orders.json innehåller en tom lista"),
        (b'"GKS-1"', "Filen orders.json måste innehålla en order (ett JSON-objekt) eller en lista av order."),
        (b"[NaN]", "Filen orders.json är inte giltig JSON"),
    ],
)
def test_broken_json_file_gives_one_clear_problem(tmp_path: Path, content: bytes, expected: str) -> None:
    result = import_orders(write(tmp_path, "orders.json", content))
    assert result.orders == []
    [problem] = result.problems
    assert str(problem).startswith(expected)
    assert problem.line is None and problem.index is None


def test_json_syntax_error_names_the_line_and_column(tmp_path: Path) -> None:
    result = import_orders(write(tmp_path, "orders.json", '[\n  {"order_number": "A"}\n  {"order_number": "B"}\n]'))
    assert "(rad 3, kolumn 3)" in messages(result)[0]


def test_missing_file_is_one_clear_problem(tmp_path: Path) -> None:
    result = import_orders(tmp_path / "saknas.json")
    assert result.orders == []
    [message] = messages(result)
    assert message.startswith(f"Filen {tmp_path / 'saknas.json'} kan inte läsas")


# CSV --------------------------------------------------------------------------------------------------------
def test_csv_lines_of_one_order_become_its_rows_with_swedish_decimal_comma(tmp_path: Path) -> None:
    content = "\n".join(
        [
            HEADER,
            "GKS-7;ja;1001;Byggfirman;Reglar 45x95;120;m;18,90;25;3001",
            "GKS-7;ja;1001;Byggfirman;Frakt;1;st;1 250,00;25;",
            "GKS-7;ja;1001;Byggfirman;Kreditering;2,5;st;\u221218,90;12;",
            "GKS-8;nej;3007;Fjällstugan;Broschyr;50;st;12.50;6;",
        ]
    )
    result = import_orders(write(tmp_path, "orders.csv", content))
    assert messages(result) == []
    first, second = result.orders
    assert (first.order_number, first.released, first.customer.name) == ("GKS-7", True, "Byggfirman")
    assert [(row.text, row.quantity, row.unit_price, row.vat_rate) for row in first.rows] == [
        ("Reglar 45x95", Decimal("120"), Decimal("18.90"), Decimal("25")),
        ("Frakt", Decimal("1"), Decimal("1250.00"), Decimal("25")),
        ("Kreditering", Decimal("2.5"), Decimal("-18.90"), Decimal("12")),
    ]
    assert first.rows[0].coding == "3001" and first.rows[1].coding is None
    assert (second.released, second.rows[0].unit_price) == (False, Decimal("12.50"))


def test_csv_with_comma_separator_and_quoted_decimal_comma(tmp_path: Path) -> None:
    content = (
        "order_number,customer_number,row_text,quantity,unit_price,vat_rate\r\n"
        'A,1001,"Skruv, 200 st","1,5","89,00",25\r\n'
    )
    [order] = import_orders(write(tmp_path, "orders.csv", content)).orders
    assert (order.rows[0].text, order.rows[0].quantity, order.rows[0].unit_price) == (
        "Skruv, 200 st",
        Decimal("1.5"),
        Decimal("89.00"),
    )


def test_csv_broken_lines_are_reported_with_line_numbers_and_the_valid_orders_kept(tmp_path: Path) -> None:
    content = "\n".join(
        [
            HEADER,  # line 1
            "A;ja;1001;Kund A;Rad 1;1;st;100;25;",  # 2: valid order A
            "B;ja;1002;Kund B;Rad 1;tolv;st;100;25;",  # 3: quantity is not a number
            "B;ja;1002;Kund B;Rad 2;1;st;100;25;",  # 4: fine, but its order B is refused
            "C;kanske;1003;Kund C;Rad 1;1;st;100;25;",  # 5: released is neither yes nor no
            "D;ja;1004;Kund D;Rad 1;1;st;100;-6;",  # 6: negative VAT, found by the schema
            "E;ja;1005;Kund E;Rad 1;1;st;100",  # 7: too few columns
            ";ja;1006;Kund F;Rad 1;1;st;100;25;",  # 8: no order number
            "",  # 9: blank lines are skipped
            "G;ja;1007;Kund G;Rad 1;1;st;1,234.50;25;",  # 10: comma and point
            "A2;ja;1008;Kund H;Rad 1;1;st;10;25;",  # 11: valid
        ]
    )
    result = import_orders(write(tmp_path, "orders.csv", content))
    assert [order.order_number for order in result.orders] == ["A", "A2"]
    assert messages(result) == [
        'rad 3, order B: quantity: "tolv" är inget tal (skriv t.ex. 1234,50 eller 1234.50)',
        'rad 5, order C: released: "kanske" är varken ja eller nej (skriv ja/nej, true/false eller 1/0)',
        "rad 6, order D: vat_rate: måste vara ett tal som inte är negativt, som JSON-tal eller som text med "
        "decimalpunkt (t.ex. 1234.50), inte -6",
        "rad 7: raden har 8 kolumner men rubrikraden (rad 1) har 10",
        "rad 8: order_number saknas men krävs",
        'rad 10, order G: unit_price: "1,234.50" har både komma och punkt; skriv talet utan '
        "tusentalsavgränsare, t.ex. 1234,50",
    ]


def test_csv_order_whose_header_columns_differ_between_its_lines_is_refused(tmp_path: Path) -> None:
    content = "\n".join([HEADER, "A;ja;1001;Kund A;Rad 1;1;st;100;25;", "A;ja;1099;Kund A;Rad 2;1;st;100;25;"])
    result = import_orders(write(tmp_path, "orders.csv", content))
    assert result.orders == []
    assert messages(result) == [
        'rad 3, order A: customer_number är "1099" men "1001" på rad 2: orderhuvudets kolumner ska vara lika på '
        "alla rader i en order"
    ]


def test_csv_schema_problem_on_the_header_is_reported_on_the_orders_first_line(tmp_path: Path) -> None:
    content = "order_number;customer_number;country_code;row_text;quantity;unit_price;vat_rate\n"
    content += "A;1001;sverige;Rad 1;1;100;25\nA;1001;sverige;Rad 2;1;100;25\n"
    result = import_orders(write(tmp_path, "orders.csv", content))
    assert messages(result) == [
        "rad 2, order A: country_code: måste vara en landskod med två versaler enligt ISO 3166-1, t.ex. SE"
    ]


def test_csv_line_numbers_count_physical_lines_of_quoted_multi_line_cells(tmp_path: Path) -> None:
    content = HEADER + '\nA;ja;1001;Kund;"Rad\növer två rader";1;st;100;25;\nB;ja;1002;Kund;Rad;x;st;100;25;\n'
    result = import_orders(write(tmp_path, "orders.csv", content))
    assert [order.rows[0].text for order in result.orders] == ["Rad\növer två rader"]
    assert [problem.line for problem in result.problems] == [4]


def test_csv_with_byte_order_mark_and_crlf_lines(tmp_path: Path) -> None:
    content = "\ufeff" + HEADER + "\r\nA;ja;1001;Kund;Rad;1;st;100;25;\r\n"
    result = import_orders(write(tmp_path, "orders.csv", content))
    assert (messages(result), [order.order_number for order in result.orders]) == ([], ["A"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "Filen orders.csv är tom."),
        (
            b"order_number;kundnr\nA;1",
            "Okända kolumner i rubrikraden: kundnr. Tillåtna kolumner: order_number,",
        ),
        (
            b"order_number;customer_number;row_text;quantity;unit_price",
            "Rubrikraden saknar kolumner som krävs: vat_rate.",
        ),
        (b"order_number;order_number;customer_number", "Kolumner förekommer flera gånger i rubrikraden: order_number."),
        (HEADER.encode("utf-8"), "Filen orders.csv innehåller inga order."),
        (
            (HEADER + "\nA;ja;1001;Kund;Rad;1;st;100;25;Konto 3001 \u00e5").encode("cp1252"),
            "Filen orders.csv är inte UTF-8",
        ),
    ],
)
def test_broken_csv_file_gives_one_clear_problem(tmp_path: Path, content: bytes, expected: str) -> None:
    result = import_orders(write(tmp_path, "orders.csv", content))
    assert result.orders == []
    [message] = messages(result)
    assert message.startswith(expected)
