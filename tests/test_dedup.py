"""Near-duplicate (syndicated) articles."""
from __future__ import annotations

import pandas as pd

from src.clean_step import clean_records
from src.dedup import THRESHOLD, find_near_duplicates, jaccard, shingles

STORY = ("Pasukan Rusia menembakkan rudal ke Kharkiv pada malam hari dan merusak jaringan listrik kota itu. "
         "Ribuan warga kehilangan aliran listrik dan pemanas ketika suhu turun di bawah nol derajat. "
         "Pemerintah daerah membuka tempat penampungan darurat bagi warga yang terdampak.")
OTHER = ("Menteri Pertahanan Turki membantah laporan bahwa negaranya menjual senjata kepada Grup Wagner "
         "dan menyebut laporan intelijen yang bocor itu tidak berdasar sama sekali menurut dia.")


def test_copy_with_small_edits_is_flagged_with_its_original():
    edited = STORY.replace("Ribuan warga", "Ribuan penduduk") + " Listrik pulih esok hari."
    result = find_near_duplicates([STORY, OTHER, edited, STORY])
    assert result[0] == (None, None) and result[1] == (None, None)
    assert result[2][0] == 0 and THRESHOLD <= result[2][1] < 1
    assert result[3] == (0, 1.0)


def test_different_stories_are_not_duplicates():
    assert jaccard(shingles(STORY), shingles(OTHER)) < THRESHOLD
    assert find_near_duplicates([STORY, OTHER]) == [(None, None), (None, None)]


def test_duplicate_columns_in_articles_table():
    tables_ = clean_records([{"id": "a", "text": STORY}, {"id": "b", "text": "KOMPAS.com - " + STORY + "\n(ant)"}])
    articles = tables_["articles"].set_index("article_id")
    assert articles.loc["b", "duplicate_of"] == "a" and articles.loc["b", "similarity"] == 1.0
    assert pd.isna(articles.loc["a", "duplicate_of"]) and pd.isna(articles.loc["a", "similarity"])
