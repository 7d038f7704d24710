"""Near-duplicate (syndicated) articles."""
from __future__ import annotations

import pandas as pd
import pytest

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


def _reference_near_duplicates(texts, threshold=THRESHOLD):
    """The earlier implementation (Python sets, every copy stored in the postings), kept to check the faster one."""
    from collections import defaultdict

    from src import dedup
    by_set = {}
    sets = [by_set.setdefault(s, s) for s in map(shingles, texts)]

    def sample(shingle_set):
        return {s for s in shingle_set if s % dedup.SAMPLE == 0} or set(list(shingle_set)[:1])

    def best_candidate(current, sample_, index):
        best = (None, None)
        for j in sorted({j for s in sample_ for j in index.get(s, ())}):
            similarity = jaccard(current, sets[j])
            if similarity >= threshold and (best[1] is None or similarity > best[1]):
                best = (j, similarity)
        return best

    index, first, result = defaultdict(list), {}, []
    for i, current in enumerate(sets):
        seen = first.get(current)
        if seen is not None and seen[2]:
            original, sample_ = seen[0], seen[1]
            best = (original, 1.0) if result[original][0] is None else result[original]
        else:
            sample_ = seen[1] if seen is not None else sample(current)
            best = best_candidate(current, sample_, index)
            if best[0] is not None and result[best[0]][0] is not None:
                root = result[best[0]][0]
                best = (root, jaccard(current, sets[root]))
        result.append(best)
        indexed = False
        for s in sample_:
            if len(index[s]) < dedup.MAX_POSTING:
                index[s].append(i)
                indexed = True
        if seen is None and current:
            first[current] = (i, sample_, indexed)
    return result


def test_compact_sets_give_the_same_similarity_and_sample():
    from src import dedup
    texts = [STORY, OTHER, STORY.replace("Ribuan warga", "Ribuan penduduk"), "Satu dua", ""]
    for a in texts:
        for b in texts:
            assert dedup.overlap(dedup.compact(shingles(a)), dedup.compact(shingles(b))) == jaccard(shingles(a), shingles(b))
        full = shingles(a)
        assert dedup.sample_of(dedup.compact(full)) == ({s for s in full if s % dedup.SAMPLE == 0} or set(list(full)[:1]))


@pytest.mark.parametrize("seed", range(10))
def test_copies_fill_posting_places_as_before(monkeypatch, seed):
    """With small postings (full after 3 articles), chains of copies and edits get the earlier implementation's answers."""
    import random

    from src import dedup
    monkeypatch.setattr(dedup, "MAX_POSTING", 3)
    rnd = random.Random(seed)
    words = (STORY + " " + OTHER).split()
    texts = [" ".join(rnd.sample(words, 30)) for _ in range(3)]
    for _ in range(60):
        base = rnd.choice(texts[:3] + texts[-3:]).split()
        edited = list(base)
        for _ in range(rnd.randrange(4)):
            edited[rnd.randrange(len(edited))] = rnd.choice(words)
        texts.append(" ".join(edited if rnd.random() < 0.5 else base))
    found = find_near_duplicates(texts)
    assert found == _reference_near_duplicates(texts)
    assert sum(s == 1.0 for _, s in found) >= 10


def test_overlaps_of_many_equal_one_by_one_jaccard():
    from src import dedup
    texts = [STORY, OTHER, STORY.replace("Ribuan warga", "Ribuan penduduk"), "Satu dua", "", STORY[:120]]
    compact = [dedup.compact(shingles(t)) for t in texts]
    for a, current in zip(texts, compact):
        assert dedup.overlaps(current, compact) == [jaccard(shingles(a), shingles(b)) for b in texts]
    assert dedup.overlaps(compact[0], []) == []


@pytest.mark.parametrize("seed", ["1", "2"])
def test_shingles_are_the_same_whatever_the_hash_seed(seed):
    import os
    import subprocess
    import sys

    from src import paths
    code = "import sys; from src.dedup import shingles; print(sorted(shingles(sys.argv[1])))"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", code, STORY], cwd=paths.ROOT, env=env, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == str(sorted(shingles(STORY)))
