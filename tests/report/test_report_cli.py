"""``brygga report month`` as a user runs it (a separate process): no connection is one message with what to do and
exit 2, never a traceback; a future month writes its CSV and PDF, says it has not begun and reads nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

from pypdf import PdfReader

from tests.cli.support import brygga


def test_report_month_says_what_to_connect_and_writes_the_files_of_a_future_month(tmp_path: Path) -> None:
    refused = brygga("report", "month", "--month", "2026-11", data_dir=tmp_path)
    assert refused.returncode == 2
    said = " ".join((refused.stdout + refused.stderr).split())
    assert "Månadsrapporten kan inte tas fram: Visma PM och Visma eEkonomi är inte anslutna." in said
    assert "Anslut Visma PM och Visma eEkonomi under Anslutningar" in said and "Traceback" not in said

    csv_file, pdf_file = tmp_path / "rapport.csv", tmp_path / "rapport.pdf"
    args = ("--month", "2099-01", "--csv", str(csv_file), "--pdf", str(pdf_file), "--json")
    done = brygga("report", "month", *args, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["future"] is True and answer["month"] == "2099-01" and answer["api_reads"] == {}
    assert answer["written"] == [str(csv_file), str(pdf_file)]
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbfTyp;")
    text = " ".join(PdfReader(io.BytesIO(pdf_file.read_bytes())).pages[0].extract_text().split())
    assert "Månadsrapport januari 2099" in text and "Månaden har inte börjat ännu" in text
