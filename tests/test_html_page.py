"""Saved article pages: the whole story text, no furniture, the right title (src/html_page.py)."""
from __future__ import annotations

import html

import pytest

from src.html_page import furniture_kind, paragraphs, parse_html, strip_site_suffix


def page(body: str, head: str = "") -> str:
    """A minimal HTML page around a body."""
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


# (body, story lines) for pages whose text must come out whole, in order, without furniture
TEXT_CASES = [
    pytest.param("<article><h1>Judul</h1><div class='detail__body-text'><strong>Jakarta</strong> - Kalimat pertama "
                 "berita.<br><br>Kalimat kedua di paragraf dua.<p>Paragraf dalam tag p.</p>Teks lepas setelah p.<br>"
                 "Baris berikutnya.</div></article>",
                 ["Jakarta - Kalimat pertama berita.", "Kalimat kedua di paragraf dua.", "Paragraf dalam tag p.",
                  "Teks lepas setelah p.", "Baris berikutnya."], id="detik-style loose text and <br>"),
    pytest.param("<main><p>Presiden Vladimir Pu<b>tin</b> berkata, <em>kami siap</em>.</p></main>",
                 ["Presiden Vladimir Putin berkata, kami siap."], id="inline markup splits no word"),
    pytest.param("<article><p>Presiden <a class='inner-link-tag' href='/t/jokowi'>Joko Widodo</a> bertemu <a "
                 "class='tag-link' href='/t/putin'>Vladimir Putin</a> di <span class='ads-inline'>Moskow</span>.</p>"
                 "<p>Keduanya membahas pangan.</p></article>",
                 ["Presiden Joko Widodo bertemu Vladimir Putin di Moskow.", "Keduanya membahas pangan."],
                 id="inline tag links stay"),
    *[pytest.param(f"<div class='{wrapper}'><p>Rusia menyerang Kyiv pada Senin pagi.</p><p>Ukraina membalas "
                   "serangan itu.</p></div><div class='related-posts'><p>Berita lain.</p></div>",
                   ["Rusia menyerang Kyiv pada Senin pagi.", "Ukraina membalas serangan itu."], id=f"{wrapper} wrapper")
      for wrapper in ("with-ads", "tag-rusia", "content_promo")],
    pytest.param("<article><h1>Judul</h1><p>Satu paragraf saja.</p><div class='baca-juga'><ul><li><a>Berita lain "
                 "yang panjang sekali judulnya satu</a></li><li><a>Berita lain yang panjang sekali judulnya dua</a>"
                 "</li></ul></div><div id='share_box'>Bagikan</div><div class='box ads'>Iklan</div>"
                 "<script>var x = 1;</script><!-- komentar HTML --></article>",
                 ["Satu paragraf saja."], id="furniture in a short article"),
    pytest.param("<h1>Banjir</h1><div class='detail-text with-ads'>Banjir melanda Jakarta.<br><br>Warga mengungsi."
                 "</div><p>Polisi menutup jalan.</p>",
                 ["Banjir melanda Jakarta.", "Warga mengungsi.", "Polisi menutup jalan."], id="<br> story in with-ads"),
    pytest.param("<article><h1>J</h1><p>Isi berita.</p><div><span class='share-fb'>Facebook</span> <span "
                 "class='share-wa'>WhatsApp</span></div><div>Tags: <a class='tag'>Rusia</a></div><ul><li><a "
                 "class='tag-item'>Ukraina</a></li></ul><p><strong><a class='tag-link'>Jakarta</a></strong> - Kata "
                 "<a class='tag-link'>Putin</a> hari ini.</p></article>",
                 ["Isi berita.", "Tags: Rusia", "Jakarta - Kata Putin hari ini."], id="inline share and tag bars"),
    pytest.param("<h1>Judul</h1><div class='isi'>Banjir melanda.<br>Warga mengungsi.</div><div class='comment-list'>"
                 "<div class='comment'><p>Mantap gan, pemerintah harus tanggung jawab atas semua ini sekarang juga!"
                 "</p></div></div>",
                 ["Banjir melanda.", "Warga mengungsi."], id="comments longer than the story"),
]


@pytest.mark.parametrize("body,lines", TEXT_CASES)
def test_story_text_comes_out_whole_and_in_order(body, lines):
    assert parse_html(page(body))["text"].split("\n") == lines


# (body, head, title, story lines) for pages where the title or the choice of story is at stake
TITLE_CASES = [
    pytest.param("<article class='teaser'><h2>Berita terkait</h2><p>Cuplikan pendek.</p></article><article>"
                 "<h1>Judul Utama</h1><p>Paragraf pertama berita utama yang cukup panjang.</p><p>Paragraf kedua "
                 "berita utama.</p></article>", "", "Judul Utama",
                 ["Paragraf pertama berita utama yang cukup panjang.", "Paragraf kedua berita utama."], id="teaser first"),
    pytest.param("<header><h1 class='logo'>Kabar Dunia</h1></header><div class='content'><p>Isi berita.</p></div>",
                 "<meta property='og:title' content='Rusia Tarik Pasukan - Kabar Dunia'>"
                 "<meta property='og:site_name' content='Kabar Dunia'>",
                 "Rusia Tarik Pasukan", ["Isi berita."], id="logo h1 in the site header"),
    pytest.param("<article><h1>Gempa Cianjur</h1><p>Gempa M5,1 terjadi pagi ini.</p></article><div class='related'>"
                 "<article><h2>Korban Gempa Cianjur Bertambah Jadi 300 Orang</h2><p>BNPB menyebut korban terus "
                 "bertambah hingga sore hari.</p></article></div>", "", "Gempa Cianjur",
                 ["Gempa M5,1 terjadi pagi ini."], id="longer teaser in a related list"),
    pytest.param("<article><header><h1>Judul Berita</h1><div class='tts'>Dengarkan artikel ini</div></header>"
                 "<p>Jakarta - Isi berita dimulai di sini.</p></article>", "", "Judul Berita",
                 ["Jakarta - Isi berita dimulai di sini."], id="story header dropped after its title"),
    pytest.param("<div class='content share-enabled'><h1>Judul Berita</h1><p>Isi berita pertama.</p><div "
                 "class='share-buttons'>Bagikan</div></div><div class='comment'><p>Komentar pembaca.</p></div>", "",
                 "Judul Berita", ["Isi berita pertama."], id="furniture-named wrapper holding the heading"),
    *[pytest.param(f"<div id='header'><h1><a href='/'>{logo}</a></h1></div><div class='content'><h1>J</h1>"
                   "<p>Isi berita.</p></div>", "<meta property='og:site_name' content='Okezone'>", "J",
                   ["Isi berita."], id=f"logo h1 {logo} outside <header>") for logo in ("Okezone", "okezone.com")],
]


@pytest.mark.parametrize("body,head,title,lines", TITLE_CASES)
def test_title_and_story_are_the_pages_own(body, head, title, lines):
    parsed = parse_html(page(body, head))
    assert (parsed["title"], parsed["text"].split("\n")) == (title, lines)


@pytest.mark.parametrize("title,outlet,expected", [
    ("Perang Rusia - Ukraina", None, "Perang Rusia - Ukraina"),  # a hyphen inside a title, not a site name
    ("Perang Rusia - Ukraina | Warta Timur", None, "Perang Rusia - Ukraina"),
    ("Korut Uji Rudal - Kompas.com", None, "Korut Uji Rudal"),
    ("Korut Uji Rudal - Kabar Dunia", "Kabar Dunia", "Korut Uji Rudal"),
    ("Korut Uji Rudal - Kabar Dunia", None, "Korut Uji Rudal - Kabar Dunia"),
    ("Gempa Susulan Capai - 7.100", None, "Gempa Susulan Capai - 7.100"),  # a number, not a domain
    ("Berita Dunia - tempo.co.id", None, "Berita Dunia"),
])
def test_site_suffix_is_removed_only_when_it_is_the_site(title, outlet, expected):
    assert strip_site_suffix(title, outlet) == expected


@pytest.mark.parametrize("names,expected", [
    (["box-ads"], "small"), (["ad"], "small"), (["post_tags"], "small"), (["relatedArticles"], "always"),
    (["baca-juga"], "always"), (["comment-list"], "always"), (["with-ads", "share"], "small"), (["share", "comment-box"], "always"),
    (["leads"], None), (["stage"], None), (["x-men", "unit"], None), (["detail__body-text"], None),
])
def test_furniture_names(names, expected):
    assert furniture_kind(names) == expected


def test_deeply_nested_markup_does_not_exhaust_the_stack():
    from bs4 import BeautifulSoup
    soup = BeautifulSoup("<div>" * 3000 + "Teks dalam." + "</div>" * 3000, "html.parser")
    assert paragraphs(soup) == ["Teks dalam."]


STORY = ("<p>Presiden meresmikan bendungan baru di Jawa Tengah pada Senin.</p>"
         "<p>Bendungan itu mengairi ribuan hektare sawah.</p>")
STORY_LINES = ["Presiden meresmikan bendungan baru di Jawa Tengah pada Senin.", "Bendungan itu mengairi ribuan hektare sawah."]
COMMENTS = ("<div class='comments'>" + "<div class='comment-item'><p>Komentar pembaca: pemerintah harus lebih serius "
            "menangani irigasi.</p></div>" * 6 + "</div>")


@pytest.mark.parametrize("body", [
    f"<article><h1>J</h1><div class='detail-text with-ads'>{STORY}</div>{COMMENTS}</article>",  # comments weigh nothing
    f"<form id='form1'><div class='content'><h1>J</h1>{STORY}</div></form>",                       # ASP.NET page form
    f"<meta itemprop='articleBody' content='x'><article><h1>J</h1>{STORY}</article>",              # empty articleBody
    f"<div class='detail-text'><h1>J</h1>{STORY}</div><div class='terkini'><article><a><h2>Berita lain</h2></a>"
    "</article></div>",                                                                             # a teaser <article>
    f"<article><h1>J</h1>{STORY}</article><article><h1>B</h1><p>{'Harga cabai naik tajam. ' * 8}</p></article>",
    f"<div class='content has-sticky-share'><article><h1>J</h1>{STORY}</article></div>",
])
def test_the_story_survives_page_layouts_that_used_to_lose_it(body):
    parsed = parse_html(page(body))
    assert (parsed["title"], parsed["text"].split("\n")) == ("J", STORY_LINES)


def test_a_subscriber_content_block_is_part_of_the_story():
    parsed = parse_html(page(f"<article><h1>J</h1><p>Pembuka.</p><div class='content-subscriber'>{STORY}</div></article>"))
    assert parsed["text"].split("\n") == ["Pembuka."] + STORY_LINES


def test_unclosed_paragraphs_nesting_thousands_deep_are_read_whole():
    """html.parser nests every unclosed <p> in the previous one; the text must still come out, in order."""
    sentences = [f"Kalimat nomor {i} dari berita lama." for i in range(4000)]
    parsed = parse_html(page("<div class='isi'><h1>J</h1>" + "".join(f"<p>{s}" for s in sentences) + "</div>"))
    assert parsed["text"].split("\n") == sentences


def test_a_story_article_smaller_than_the_rest_of_the_page_is_kept():
    """No heading and the <article> under half of the page: the body is the container, and the article stays in it."""
    other = "<div class='col'>" + "<p>Teks lain di halaman yang bukan furnitur tetapi panjang sekali.</p>" * 4 + "</div>"
    parsed = parse_html(page(f"<article>{STORY}</article>{other}"))
    assert parsed["text"].split("\n")[:2] == STORY_LINES


@pytest.mark.parametrize("body", [
    f"<div class='post-wrap comments-open'><article><header><h1>J</h1></header><div class='entry-content'>{STORY}"
    "</div></article></div>",                                    # the heading's <header> goes; its wrapper must not
    f"<article class='read-header'><h1>J</h1><time>1 Jan</time></article><article class='read-content'>{STORY}</article>",
    f"<article class='read-header'><h1>J</h1><time>1 Jan</time></article><div class='read-content'>{STORY}</div>",
])
def test_a_heading_article_or_header_does_not_hide_the_story(body):
    assert parse_html(page(body))["text"].split("\n")[-2:] == STORY_LINES


LAYOUTS = {
    # name: (page template with {title}, {body}; how one paragraph is written)
    "detik": ("<div id='header'><h1><a href='/'>detik.com</a></h1></div><article class='detail'><h1 class='detail__title'>"
              "{title}</h1><div class='detail__body-text itp_bodycontent'>{body}<table class='linksisip'><tr><td>Baca "
              "juga: <a href='/x'>Judul lain</a></td></tr></table></div><div class='detail__body-tag'><a class='nav__item'"
              " href='/tag/a'>Tag A</a></div></article><div class='comment-section'><p>Komentar pembaca.</p></div>",
              "{p}<br><br>"),
    "kompas": ("<header><div class='logo'>Kompas</div></header><div class='read__content'><h1 class='read__title'>{title}"
               "</h1><div class='clearfix'>{body}</div></div><div class='read__tagging'><a class='tag__article__link' "
               "href='/t'>Tag X</a></div><div class='share-box'><a>Facebook</a><a>Twitter</a></div>"
               "<div class='most__wrap'><div class='most__title'>Terpopuler</div><ul class='most__list'><li><a>Populer 1"
               "</a></li></ul></div>", "<p>{p}</p>"),
    "tribun": ("<div id='article'><h1 id='arttitle'>{title}</h1><div class='side-article txt-article multi-fontsize'>"
               "{body}</div><div class='related-box'><ul><li><a>Judul terkait</a></li></ul></div></div>",
               "<p>{p}</p><div class='ads-placeholder'>Advertisement</div>"),
    "cnn": ("<div class='container'><article><div class='detail-wrap'><h1 class='title'>{title}</h1><div class='detail-text'"
            " id='detikdetailtext'>{body}</div></div></article><div class='social-share'><a>Bagikan</a></div>"
            "<aside><article><h2>Berita lain</h2></article></aside></div>", "<p>{p}</p>"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_indosum_articles_come_out_of_news_page_layouts_whole(layout):
    """100 real articles, each put into a page in the style of a real outlet (logo, tags, share bars, related and
    most-read lists, comments): the text is the article's paragraphs, all of them, in order, and nothing else."""
    from src import benchmark, paths
    if not paths.INDOSUM.exists():
        pytest.fail(f"IndoSum corpus not found at {paths.INDOSUM} (needed for this check; CI has it)")
    template, paragraph = LAYOUTS[layout]
    for row in benchmark.load_corpus(str(paths.INDOSUM), limit=100):
        lines = [" ".join(p.split()) for p in row["text"].split("\n") if p.strip()]
        body = "".join(paragraph.format(p=html.escape(p, quote=False)) for p in lines)
        parsed = parse_html(page(template.format(title="Judul Berita Ini", body=body)))
        assert parsed["title"] == "Judul Berita Ini", (layout, row["id"])
        assert parsed["text"].split("\n") == lines, (layout, row["id"])
