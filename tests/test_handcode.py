"""The hand-coding loop: sample export, coded-CSV import, and a full round trip through the scorer."""
from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from src import gold as goldmod
from src import handcode, tables, validate

# Synthetic corpus: outlet A has 3 articles x 10 sentences, outlet B 1 x 10, article c1 has no outlet.
ARTICLES = [("a1", "A"), ("a2", "A"), ("a3", "A"), ("b1", "B"), ("c1", None)]
# Truth per sentence_id (same for every article): countries, source types, markers.
TRUTH = {0: (["RUS", "PRK"], ["media"], []), 1: (["USA"], ["named_official"], ["denial"]),
         2: (["UKR"], [], []), 3: ([], ["anonymous"], ["unverified"])}


def sentence_text(article_id: str, sid: int) -> str:
    """A unique sentence text."""
    return f"Kalimat nomor {sid} dari\u00a0artikel {article_id}."


def write_corpus(processed) -> None:
    """Write articles, sentences and pipeline output that agrees with TRUTH to a processed directory."""
    arts, sents, ments, atts, marks = [], [], [], [], []
    for aid, outlet in ARTICLES:
        arts.append({"article_id": aid, "outlet": outlet, "text": "..."})
        for sid in range(10):
            sents.append({"article_id": aid, "paragraph_id": 0, "sentence_id": sid, "text": sentence_text(aid, sid)})
            countries, types, markers = TRUTH.get(sid, ([], [], []))
            ments += [{"article_id": aid, "sentence_id": sid, "actor_id": c, "actor_type": "country", "country": c}
                      for c in countries]
            atts += [{"article_id": aid, "sentence_id": sid, "source_type": t} for t in types]
            marks += [{"article_id": aid, "sentence_id": sid, "marker": m} for m in markers]
    for name, rows in [("articles", arts), ("sentences", sents), ("mentions", ments),
                       ("attributions", atts), ("markers", marks)]:
        cols = list(tables.SCHEMAS[name])
        tables.write_table(pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols), processed, name)


def read_sheet(path) -> list[dict]:
    """Rows of a coding sheet."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_sheet(path, rows: list[dict]) -> None:
    """Write a coded sheet."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def code_from_truth(rows: list[dict]) -> list[dict]:
    """Fill the code columns of sheet rows from TRUTH, as a careful human coder would."""
    for row in rows:
        countries, types, markers = TRUTH.get(int(row["sentence_id"]), ([], [], []))
        row.update(countries=";".join(countries), source_types="; ".join(types), markers=";".join(markers))
    return rows


@pytest.fixture
def processed(tmp_path):
    d = tmp_path / "processed"
    write_corpus(d)
    return d


def test_allocate_is_proportional_and_sums_to_total():
    assert handcode.allocate({"A": 80, "B": 20}, 10) == {"A": 8, "B": 2}
    alloc = handcode.allocate({"x": 1, "y": 1, "z": 1}, 2)
    assert sum(alloc.values()) == 2 and alloc == {"x": 1, "y": 1, "z": 0}
    assert handcode.allocate({"A": 3, "B": 2}, 99) == {"A": 3, "B": 2}


def test_export_is_stratified_and_deterministic(processed, tmp_path):
    out1 = handcode.export_sample(processed, tmp_path / "s1.csv", size=10, seed=7)
    out2 = handcode.export_sample(processed, tmp_path / "s2.csv", size=10, seed=7)
    out3 = handcode.export_sample(processed, tmp_path / "s3.csv", size=10, seed=8)
    rows = read_sheet(out1)
    assert out1.read_bytes() == out2.read_bytes()
    assert read_sheet(out3) != rows
    assert list(rows[0]) == ["article_id", "sentence_id", "outlet", "text", "countries", "source_types",
                             "optional_types", "markers", "notes"]
    strata = pd.Series(["article c1" if r["outlet"] == "" else r["outlet"] for r in rows]).value_counts().to_dict()
    assert strata == {"A": 6, "B": 2, "article c1": 2}  # 30/50, 10/50, 10/50 of 10
    assert all(r[c] == "" for r in rows for c in ("countries", "source_types", "optional_types", "markers", "notes"))
    assert rows[0]["text"] == sentence_text(rows[0]["article_id"], int(rows[0]["sentence_id"]))


def test_round_trip_export_code_import_score(processed, tmp_path):
    sheet = handcode.export_sample(processed, tmp_path / "sample.csv", size=25, seed=3)
    rows = code_from_truth(read_sheet(sheet))
    write_sheet(sheet, rows)
    written = handcode.import_coded(sheet, tmp_path / "gold")
    assert sorted(p.stem for p in written) == sorted({r["article_id"] for r in rows})
    result = validate.score_processed(processed, tmp_path / "gold")
    head = result["headline"].set_index("score")
    for name in ("sentence_countries", "country_pairs", "article_countries", "attribution_types", "claim_markers"):
        assert head.loc[name, "fp"] == 0 and head.loc[name, "fn"] == 0, name
    assert head.loc["persons", "tp"] + head.loc["persons", "fp"] + head.loc["persons", "fn"] == 0  # not coded
    coded_media = sum("media" in r["source_types"] for r in rows)
    assert head.loc["attribution_types", "tp"] == sum(len(TRUTH.get(int(r["sentence_id"]), ([], [], []))[1])
                                                       for r in rows)
    assert coded_media > 0


def test_round_trip_detects_a_coder_disagreement(processed, tmp_path):
    sheet = handcode.export_sample(processed, tmp_path / "sample.csv", size=50, seed=1)
    rows = code_from_truth(read_sheet(sheet))
    target = next(r for r in rows if r["article_id"] == "b1" and r["sentence_id"] == "2")
    target.update(countries="UKR;RUS", source_types="expert")
    write_sheet(sheet, rows)
    handcode.import_coded(sheet, tmp_path / "gold")
    result = validate.score_processed(processed, tmp_path / "gold")
    head = result["headline"].set_index("score")
    assert head.loc["sentence_countries", "fn"] == 1 and head.loc["attribution_types", "fn"] == 1
    assert head.loc["country_pairs", "fn"] == 1  # RUS-UKR only in the coder's version
    dis = result["disagreements"]
    assert set(dis[dis["article_id"] == "b1"]["sentence"]) == {sentence_text("b1", 2), "(whole article)"}


def test_imported_gold_file_format(processed, tmp_path):
    sheet = handcode.export_sample(processed, tmp_path / "sample.csv", size=50, seed=1)
    write_sheet(sheet, code_from_truth(read_sheet(sheet)))
    handcode.import_coded(sheet, tmp_path / "gold")
    doc = json.loads((tmp_path / "gold" / "a1.json").read_text(encoding="utf-8"))
    assert doc["countries"] == ["PRK", "RUS", "UKR", "USA"]
    assert doc["sentence_country_pairs"] == [["PRK", "RUS"]]
    assert doc["persons"] == [] and doc["organizations"] == [] and "not coded" in doc["note"]
    assert len(doc["sentences"]) == 10 and doc["sentences"][1]["markers"] == ["denial"]
    assert "title" not in doc  # metadata not coded, so not checked


@pytest.mark.parametrize("column, value, message", [
    ("countries", "RUS;XYZ", "unknown ISO3 country code 'XYZ' in column 'countries'"),
    ("source_types", "media;rumour", "unknown source type 'rumour' in column 'source_types'"),
    ("optional_types", "medai", "unknown source type 'medai' in column 'optional_types'"),
    ("markers", "denied", "unknown claim marker 'denied' in column 'markers'"),
])
def test_import_names_file_row_and_bad_value(processed, tmp_path, column, value, message):
    sheet = handcode.export_sample(processed, tmp_path / "sample.csv", size=5, seed=1)
    rows = read_sheet(sheet)
    rows[2][column] = value
    write_sheet(sheet, rows)
    with pytest.raises(goldmod.GoldError) as err:
        handcode.import_coded(sheet, tmp_path / "gold")
    assert f"sample.csv, row 4: {message}" in str(err.value)
    assert not (tmp_path / "gold").exists()


def test_import_accepts_lower_case_and_spaces(processed, tmp_path):
    sheet = handcode.export_sample(processed, tmp_path / "sample.csv", size=5, seed=1)
    rows = read_sheet(sheet)
    rows[0].update(countries=" rus ; prk", source_types="Media", markers=" ")
    write_sheet(sheet, rows)
    handcode.import_coded(sheet, tmp_path / "gold")
    doc = json.loads((tmp_path / "gold" / f"{rows[0]['article_id']}.json").read_text(encoding="utf-8"))
    first = next(s for s in doc["sentences"] if s["text"] == rows[0]["text"])
    assert first["countries"] == ["PRK", "RUS"] and first["attribution"] == ["media"] and first["markers"] == []


def test_import_rejects_missing_columns_duplicates_and_overwrite(processed, tmp_path):
    sheet = handcode.export_sample(processed, tmp_path / "sample.csv", size=5, seed=1)
    rows = read_sheet(sheet)
    write_sheet(tmp_path / "nocol.csv", [{k: v for k, v in r.items() if k != "markers"} for r in rows])
    with pytest.raises(goldmod.GoldError, match=r"nocol.csv: missing column\(s\) \['markers'\]"):
        handcode.import_coded(tmp_path / "nocol.csv", tmp_path / "gold")
    write_sheet(tmp_path / "dup.csv", rows + [rows[0]])
    with pytest.raises(goldmod.GoldError, match="already coded in row 2"):
        handcode.import_coded(tmp_path / "dup.csv", tmp_path / "gold")
    handcode.import_coded(sheet, tmp_path / "gold")
    with pytest.raises(goldmod.GoldError, match="already exist"):
        handcode.import_coded(sheet, tmp_path / "gold")
    assert handcode.import_coded(sheet, tmp_path / "gold", overwrite=True)


def test_cli_reports_errors_and_writes_files(processed, tmp_path, capsys):
    out = tmp_path / "cli.csv"
    assert handcode.main(["export", "--processed-dir", str(processed), "--out", str(out),
                          "--size", "4", "--seed", "2"]) == 0
    rows = read_sheet(out)
    assert len(rows) == 4
    rows[0]["countries"] = "Rusia"
    write_sheet(out, rows)
    assert handcode.main(["import", "--coded", str(out), "--out-dir", str(tmp_path / "g")]) == 2
    assert "unknown ISO3 country code 'RUSIA'" in capsys.readouterr().err
    assert handcode.main(["export", "--processed-dir", str(tmp_path / "none"), "--out", str(out),
                          "--size", "4", "--seed", "2"]) == 2
