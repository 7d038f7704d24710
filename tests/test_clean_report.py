"""The views of notebook 01_clean on a small hand-built set of tables (expected values worked out by hand)."""
from __future__ import annotations

import pandas as pd

from src import clean_report


def articles() -> pd.DataFrame:
    """Four articles: two outlets and one unknown, three dated, two flagged as copies of a1."""
    return pd.DataFrame({
        "article_id": ["a1", "a2", "a3", "a4"],
        "outlet": ["Antara", "Kompas", None, "Antara"],
        "title": ["Satu", "Dua", None, "Empat"],
        "published": ["2024-03-02", "2024-03-30", None, "2023-12-31"],
        "published_partial": [None, None, "--05-01", None],
        "dateline": ["Jakarta", None, None, None],
        "author": [None, None, None, "Budi"],
        "url": [None, "https://example.id/2", None, None],
        "footer_sources": [["Reuters"], [], [], []],
        "text": ["badan panjang " * 50, "salinan " * 50, "lain", "salinan lagi " * 50],
        "n_paragraphs": [3, 2, 1, 2],
        "duplicate_of": [None, "a1", None, "a1"],
        "similarity": [float("nan"), 0.91, float("nan"), 0.75],
    })


def test_duplicates_lists_only_flagged_articles_without_their_bodies():
    copies = clean_report.duplicates(articles())
    assert copies.columns.tolist() == ["article_id", "outlet", "duplicate_of", "similarity", "title"]
    assert copies["article_id"].tolist() == ["a2", "a4"]
    assert copies["duplicate_of"].tolist() == ["a1", "a1"]
    assert copies["similarity"].tolist() == [0.91, 0.75]
    assert copies.index.tolist() == [0, 1]


def test_outlet_and_month_counts():
    by_outlet = clean_report.outlet_counts(articles())
    assert list(by_outlet.itertuples(index=False, name=None)) == [("Antara", 2), (clean_report.UNKNOWN, 1), ("Kompas", 1)]
    by_month = clean_report.monthly_counts(articles())
    assert list(by_month.itertuples(index=False, name=None)) == [("2023-12", 1), ("2024-03", 2)]
    assert clean_report.date_range(articles()) == ("2023-12-31", "2024-03-30")
    assert clean_report.date_range(articles().assign(published=None)) == (None, None)


def test_metadata_coverage_counts_each_field():
    coverage = dict(zip(*(clean_report.metadata_coverage(articles())[c] for c in ("field", "articles"))))
    assert coverage == {"title": 3, "outlet": 3, "published": 3, "published_partial": 1, "dateline": 1,
                        "author": 1, "url": 1, "footer_sources": 1}


def test_removal_summary_and_findings():
    removed = pd.DataFrame({"article_id": ["a1", "a1", "a2"], "text": ["Baca juga: X", "Baca juga: X", "Iklan"],
                            "reason": ["related_links", "related_links", "advert"]})
    summary = clean_report.removal_summary(removed)
    assert summary["reason"].tolist() == ["related_links", "advert"]
    assert summary["removed"].tolist() == [2, 1] and summary["articles"].tolist() == [1, 1]
    assert summary["examples"].tolist() == ["Baca juga: X", "Iklan"]  # a repeated text is shown once
    tables = {"articles": articles(), "sentences": pd.DataFrame({"text": ["s"] * 7}), "removed": removed,
              "problems": pd.DataFrame({"source_file": ["bad.txt"]})}
    text = "\n".join(clean_report.findings(tables))
    assert "4 articles from 2 known outlets; 7 sentences in 8 paragraphs." in text
    assert "Publication dates known for 3 articles (2023-12-31 to 2024-03-30); 1 more have" in text
    assert "Cleaning removed 3 pieces of text from 2 articles: 2 related_links, 1 advert." in text
    assert "1 input problems" in text and "2 near-duplicate articles" in text
