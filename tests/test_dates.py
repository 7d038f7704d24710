"""Indonesian publication dates: dateline forms, yearless dates, metadata values."""
from __future__ import annotations

import pytest

from src.dates import find_dateline_date, parse_date, parse_date_line


@pytest.mark.parametrize("text,iso,partial", [
    ("Dikutip dari CNN International, Kamis (13/4/2023), dokumen itu", "2023-04-13", None),
    ("seperti dilansir dari AP, Rabu (30/8/2023).", "2023-08-30", None),
    ("Selasa, 30 Agustus 2022 - 13:07 WIB", "2022-08-30", None),
    ("Rabu, 06 Agu 2025 15:40 WIB", "2025-08-06", None),
    ("Pada hari Rabu (23 Oktober), Menteri", None, "--10-23"),
    ("kata dia, Senin (27/3).", None, "--03-27"),
    ("Jum'at (7/2 / 2018)", "2018-02-07", None),
    ("Senin (27/3). Lalu Selasa (5/9/22).", "2022-09-05", None),
])
def test_dateline_dates(text, iso, partial):
    found = find_dateline_date(text)
    assert found is not None and (found.iso(), found.partial()) == (iso, partial)


@pytest.mark.parametrize("text", [
    "Perang di Ukraina dimulai pada 24 Februari 2022, dan",
    "Kamis (31/2/2023) bukan tanggal",
    "Pada bulan Februari 2022, Rusia mulai menginvasi",
])
def test_no_publication_date_from_prose_or_impossible_dates(text):
    assert find_dateline_date(text) is None


@pytest.mark.parametrize("line,iso", [
    ("30 Agustus 2022 13:07 WIB", "2022-08-30"), ("Sabtu, 5 November 2016", "2016-11-05"),
    ("2022-08-30", "2022-08-30"), ("30/08/2022", "2022-08-30"),
])
def test_date_lines(line, iso):
    assert parse_date_line(line).iso() == iso


def test_date_line_needs_the_whole_line():
    assert parse_date_line("Perang 24 Februari 2022 dimulai") is None


@pytest.mark.parametrize("value,iso", [
    ("2023-04-13T10:00:00+07:00", "2023-04-13"), ("2023-04", "2023-04"), ("13 April 2023", "2023-04-13"),
    ("", None), (None, None), ("kemarin", None), ("2023-13-01", None),
])
def test_metadata_dates(value, iso):
    found = parse_date(value)
    assert (found.iso() if found else None) == iso


def _all_dateline_matches(text):
    """Reference: every match of both dateline forms, by a full scan of each, in text order."""
    from src.dates import patterns
    found = [m for name in ("weekday_comma", "weekday_paren") for m in patterns()[name].finditer(text)]
    return sorted(((m.start(), m.end(), m.group(0)) for m in found), key=lambda item: item[0])


@pytest.mark.parametrize("text", [
    "kata dia, Senin (27/3). Lalu Selasa,  (5/9/22), juga SABTU ,\t( 1 Mei 2020) dan jum'at(7/2).",
    "Rabu, 06 Agu 2025 15:40 WIB, Kamis, 7 Agu; Minggu,,(3/4) Senin\n,\n 12/12 xSenin (1/1) Ahad (31/12/2019)",
    ",5 (6 Senin, Selasa, 1/2 Rabu (2/3), Jumat (4/5) Kamis (9/13) Sabtu (10/11/2011)",
    "1,5 juta, Senin, 2/3 \u017felasa (4/5) 2,7 KAMIS,3 Mei 2020 (9/9) Rabu), (1/2) Ahad,(3/4)",
])
def test_dateline_starts_cover_every_match(text):
    """find_dateline_date tries only dateline_starts(); every match of a full scan must start at one."""
    from src.dates import _matches_at, dateline_starts, patterns
    starts = dateline_starts(text)
    matches = [m for name in ("weekday_comma", "weekday_paren") for m in _matches_at(patterns()[name], text, starts)]
    assert sorted(((m.start(), m.end(), m.group(0)) for m in matches), key=lambda item: item[0]) == _all_dateline_matches(text)
    assert len(_all_dateline_matches(text)) >= 4
