"""The table contract: checked writes, and README documents every column exactly as the code does."""
import pytest

from src import paths, tables


def test_readme_column_reference_matches_the_contract():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert tables.markdown_reference() in readme, "README's table reference is stale: run `python -m src.tables`"


def test_write_rejects_missing_or_extra_columns(tmp_path):
    good = tables.empty_table("markers")
    tables.write_table(good, tmp_path, "markers")
    assert list(tables.read_table(tmp_path, "markers").columns) == list(tables.SCHEMAS["markers"])
    with pytest.raises(ValueError, match="missing columns"):
        tables.write_table(good.drop(columns=["cue"]), tmp_path, "markers")
    with pytest.raises(ValueError, match="unexpected columns"):
        tables.write_table(good.assign(extra=1), tmp_path, "markers")


def test_reading_a_table_that_was_never_written_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="mentions"):
        tables.read_table(tmp_path, "mentions")


def test_written_tables_are_readable_like_any_new_file(tmp_path):
    path = tables.write_table(tables.empty_table("markers"), tmp_path, "markers")
    assert path.stat().st_mode & 0o777 == 0o666 & ~tables.current_umask()
