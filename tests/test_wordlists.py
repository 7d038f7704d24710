"""Word lists kept as data (src/wordlists.py) and where they are read."""
import re

import pytest

from src import sourcing
from src.wordlists import alternation, read_words


def test_read_words_keeps_order_and_skips_comments(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# a comment\nco.id\n\n  com  \nco\n", encoding="utf-8")
    assert read_words(path) == ("co.id", "com", "co")


def test_missing_word_list_names_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothing.txt"):
        read_words(tmp_path / "nothing.txt")


def test_alternation_is_literal_and_ordered():
    pattern = re.compile(rf"x\.(?:{alternation(('co.id', 'co'))})")
    assert pattern.match("x.co.id").group() == "x.co.id"
    assert pattern.match("x.coxid").group() == "x.co"


def test_tv_domains_are_cited_media():
    elements = sourcing.sentence_elements("Hal itu dikatakan kepada kompas.tv kemarin.", [], {}, sourcing.load_vocabulary(), [])
    assert [e.detail for e in elements if e.category == "domain"] == ["kompas.tv"]
