"""Saved article pages: the whole story text, no furniture, the right title (src/html_page.py)."""
from __future__ import annotations

import pytest

from src.html_page import names_furniture, paragraphs, parse_html, strip_site_suffix


def page(body: str, head: str = "") -> str:
    """A minimal HTML page around a body."""
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def test_text_outside_paragraphs_is_kept_and_br_ends_a_paragraph():
    """Detik-style bodies mix loose text, <br><br> and <p>: every piece of the story survives, in order."""
    html = page("<article><h1>Judul</h1><div class='detail__body-text'>"
                "<strong>Jakarta</strong> - Kalimat pertama berita.<br><br>Kalimat kedua di paragraf dua."
                "<p>Paragraf dalam tag p.</p>Teks lepas setelah p.<br>Baris berikutnya.</div></article>")
    assert parse_html(html)["text"].split("\n") == [
        "Jakarta - Kalimat pertama berita.", "Kalimat kedua di paragraf dua.", "Paragraf dalam tag p.",
        "Teks lepas setelah p.", "Baris berikutnya."]


def test_inline_markup_does_not_split_words_or_sentences():
    html = page("<main><p>Presiden Vladimir Pu<b>tin</b> berkata, <em>kami siap</em>.</p></main>")
    assert parse_html(html)["text"] == "Presiden Vladimir Putin berkata, kami siap."


def test_inline_links_with_tag_classes_stay_in_the_sentence():
    html = page("<article><p>Presiden <a class='inner-link-tag' href='/t/jokowi'>Joko Widodo</a> bertemu "
                "<a class='tag-link' href='/t/putin'>Vladimir Putin</a> di <span class='ads-inline'>Moskow</span>.</p>"
                "<p>Keduanya membahas pangan.</p></article>")
    assert parse_html(html)["text"].split("\n") == [
        "Presiden Joko Widodo bertemu Vladimir Putin di Moskow.", "Keduanya membahas pangan."]


@pytest.mark.parametrize("wrapper", ["with-ads", "tag-rusia", "content_promo"])
def test_a_wrapper_whose_class_looks_like_furniture_keeps_the_story(wrapper):
    html = page(f"<div class='{wrapper}'><p>Rusia menyerang Kyiv pada Senin pagi.</p>"
                "<p>Ukraina membalas serangan itu.</p></div>"
                "<div class='related-posts'><p>Berita lain.</p></div>")
    assert parse_html(html)["text"].split("\n") == ["Rusia menyerang Kyiv pada Senin pagi.", "Ukraina membalas serangan itu."]


def test_furniture_blocks_inside_a_short_article_are_dropped():
    html = page("<article><h1>Judul</h1><p>Satu paragraf saja.</p>"
                "<div class='baca-juga'><ul><li><a>Berita lain yang panjang sekali judulnya satu</a></li>"
                "<li><a>Berita lain yang panjang sekali judulnya dua</a></li></ul></div>"
                "<div id='share_box'>Bagikan</div><div class='box ads'>Iklan</div>"
                "<script>var x = 1;</script><!-- komentar HTML --></article>")
    assert parse_html(html)["text"] == "Satu paragraf saja."


def test_the_article_with_most_text_is_the_story_not_a_teaser():
    html = page("<article class='teaser'><h2>Berita terkait</h2><p>Cuplikan pendek.</p></article>"
                "<article><h1>Judul Utama</h1><p>Paragraf pertama berita utama yang cukup panjang.</p>"
                "<p>Paragraf kedua berita utama.</p></article>")
    parsed = parse_html(html)
    assert parsed["title"] == "Judul Utama"
    assert parsed["text"].split("\n") == ["Paragraf pertama berita utama yang cukup panjang.", "Paragraf kedua berita utama."]


def test_a_logo_h1_in_the_site_header_is_not_the_title():
    html = page("<header><h1 class='logo'>Kabar Dunia</h1></header><div class='content'><p>Isi berita.</p></div>",
                head="<meta property='og:title' content='Rusia Tarik Pasukan - Kabar Dunia'>"
                     "<meta property='og:site_name' content='Kabar Dunia'>")
    parsed = parse_html(html)
    assert parsed["title"] == "Rusia Tarik Pasukan"
    assert parsed["text"] == "Isi berita."


@pytest.mark.parametrize("title,outlet,expected", [
    ("Perang Rusia - Ukraina", None, "Perang Rusia - Ukraina"),  # a hyphen inside a title, not a site name
    ("Perang Rusia - Ukraina | Warta Timur", None, "Perang Rusia - Ukraina"),
    ("Korut Uji Rudal - Kompas.com", None, "Korut Uji Rudal"),
    ("Korut Uji Rudal - Kabar Dunia", "Kabar Dunia", "Korut Uji Rudal"),
    ("Korut Uji Rudal - Kabar Dunia", None, "Korut Uji Rudal - Kabar Dunia"),
])
def test_site_suffix_is_removed_only_when_it_is_the_site(title, outlet, expected):
    assert strip_site_suffix(title, outlet) == expected


@pytest.mark.parametrize("names,expected", [
    (["box-ads"], True), (["ad"], True), (["post_tags"], True), (["relatedArticles"], True), (["baca-juga"], True),
    (["leads"], False), (["stage"], False), (["x-men", "unit"], False), (["detail__body-text"], False),
])
def test_furniture_names(names, expected):
    assert names_furniture(names) is expected


def test_deeply_nested_markup_does_not_exhaust_the_stack():
    from bs4 import BeautifulSoup
    soup = BeautifulSoup("<div>" * 3000 + "Teks dalam." + "</div>" * 3000, "html.parser")
    assert paragraphs(soup) == ["Teks dalam."]
