"""Loading and normalising gold files in both codebook formats."""
from __future__ import annotations

import json

import pytest

from src import gold as goldmod
from src import paths


def write(tmp_path, name: str, data) -> str:
    """Write a JSON gold file and return its path."""
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


FORMAT_B = {
    "id": "b1", "title": None, "published": "2023-08", "outlet": "Kompas",
    "countries": ["RUS", "PRK"], "sentence_country_pairs": [["RUS", "PRK"]],
    "persons": ["kirby"], "organizations": [],
    "attributions": [{"text": "kata Kirby", "types": ["named_official"]},
                     {"text": "Dilansir AP", "types": ["media", "anonymous"]}],
    "not_attributions": ["menurut rencana"],
    "claim_markers": [{"text": "Kirby menolak berkomentar, kata Kirby", "marker": "no_comment"},
                      {"text": "tidak dapat memverifikasi", "marker": "unverified"}],
    "boilerplate": ["loading..."], "keep": ["kata Kirby"],
}


def test_project_gold_files_load_in_sentence_format():
    golds = goldmod.load_gold_dir(paths.DATA_GOLD)
    raw_stems = {p.stem for p in paths.DATA_RAW.iterdir()}
    assert set(golds) == raw_stems
    for g in golds.values():
        assert g["sentences"], g["id"]
        assert all(s["attribution"] is not None and s["countries"] is not None for s in g["sentences"])
        assert all(p == tuple(sorted(p)) for p in g["sentence_country_pairs"])


def test_format_b_converts_to_sentence_entries():
    g = goldmod.normalise_gold(FORMAT_B, "b1.json")
    by_text = {s["text"]: s for s in g["sentences"]}
    assert by_text["kata Kirby"]["attribution"] == ["named_official"]
    assert by_text["kata Kirby"]["markers"] == ["no_comment"]  # marker text contains the attribution text
    assert by_text["Dilansir AP"]["attribution"] == ["anonymous", "media"]
    assert by_text["menurut rencana"]["attribution"] == []
    marker_only = by_text["tidak dapat memverifikasi"]
    assert marker_only["markers"] == ["unverified"] and marker_only["attribution"] is None
    assert all(s["countries"] is None for s in g["sentences"])  # not coded per sentence in format (b)
    assert g["metadata"] == {"title": None, "published": "2023-08", "outlet": "Kompas"}
    assert g["sentence_country_pairs"] == [("PRK", "RUS")]
    assert g["optional_countries"] == [] and g["once"] == []


def test_absent_metadata_is_not_checked():
    g = goldmod.normalise_gold({"id": "x", "sentences": []}, "x.json")
    assert g["metadata"] == {}


@pytest.mark.parametrize("bad, message", [
    ({"attributions": [{"text": "kata dia", "types": ["medai"]}]}, "unknown source type 'medai'"),
    ({"claim_markers": [{"text": "x", "marker": "rumour"}]}, "unknown claim marker 'rumour'"),
    ({"countries": ["RUSIA"]}, "unknown ISO3 country code 'RUSIA'"),
    ({"sentence_country_pairs": [["RUS", "RUS"]]}, "not a pair"),
    ({"sentences": [{"text": "x", "attribution": ["media"], "optional": ["media"]}]}, "both required and optional"),
    ({"boilerplate": ["re:(unclosed"]}, "invalid boilerplate regex"),
    ({"id": ""}, "must be a JSON object with an 'id'"),
])
def test_invalid_gold_names_file_and_reason(tmp_path, bad, message):
    path = write(tmp_path, "bad.json", {"id": "bad", **bad})
    with pytest.raises(goldmod.GoldError) as err:
        goldmod.load_gold_file(path)
    assert message in str(err.value) and "bad.json" in str(err.value)


def test_malformed_json_names_file(tmp_path):
    path = write(tmp_path, "broken.json", "{not json")
    with pytest.raises(goldmod.GoldError, match="broken.json"):
        goldmod.load_gold_file(path)


def test_gold_dir_errors(tmp_path):
    with pytest.raises(goldmod.GoldError, match="not found"):
        goldmod.load_gold_dir(tmp_path / "nope")
    with pytest.raises(goldmod.GoldError, match="no gold files"):
        goldmod.load_gold_dir(tmp_path)
    write(tmp_path, "one.json", {"id": "same"})
    write(tmp_path, "two.json", {"id": "same"})
    with pytest.raises(goldmod.GoldError, match="already annotated"):
        goldmod.load_gold_dir(tmp_path)


def test_normalise_space_handles_nbsp_and_zero_width():
    assert goldmod.normalise_space(" a\u00a0\u00a0b\n\tc\u200b ") == "a b c"


def test_iso3_codes_come_from_cldr():
    codes = goldmod.iso3_codes()
    assert {"RUS", "PRK", "KOR", "USA", "IDN", "EGY"} <= codes
    assert "XXX" not in codes and "RU" not in codes
