"""A saved article page (HTML) turned into title, body paragraphs and metadata, without the site's furniture.

The body is the page's article container (itemprop=articleBody, else the <article> holding the most
text outside furniture, else <main>, else <body>) with scripts, navigation and furniture blocks
(related links, comments, share bars, ads: data/lexicon/html_furniture.csv) removed. All of its text
is kept, in document order: block elements and <br> end a paragraph, inline markup does not.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from src import paths, wordlists

DROP_TAGS = ("script", "style", "noscript", "nav", "aside", "footer", "header", "iframe",
             "svg", "button", "figcaption", "figure", "template", "select", "input", "textarea")  # not <form>: ASP.NET
# pages wrap the whole page in one
NEVER_DROPPED = frozenset({"html", "body", "article", "main"})
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
                    "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
                    "var"})
BLOCK_LEVEL = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
                         "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
                         "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main",
                         "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
                         "thead", "tr", "ul"})
TEXT_NODES = (NavigableString, CData)  # exact types: comments, doctypes and script text are subclasses
_SEPARATED_SUFFIX = re.compile(r"\s+([|\-–—:])\s+([^|\-–—:]{1,60})$")
_DOMAIN = re.compile(r"[\w-]+(?:\.[^\W\d_]{2,})+")  # Kompas.com, tempo.co.id; not 7.100


class FurnitureWords(NamedTuple):
    """The furniture class/id words of data/lexicon/html_furniture.csv, by how they match and when they drop."""

    always: re.Pattern       # fragments whose block is always dropped (related, comment, share...)
    small: re.Pattern        # fragments whose block is dropped when it holds at most half of the story
    always_tokens: frozenset[str]
    small_tokens: frozenset[str]


@lru_cache(maxsize=4)
def furniture_words(lexicon_dir: str = str(paths.LEXICON)) -> FurnitureWords:
    """The furniture words, read once."""
    path = Path(lexicon_dir) / "html_furniture.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    bad = [r for r in rows if r.get("match") not in ("fragment", "token") or r.get("drop") not in ("always", "small")]
    if not rows or bad:
        raise ValueError(f"{path}: needs rows of word, match (fragment|token), drop (always|small); bad: {bad[:1]}")

    def pick(match: str, drop: str) -> tuple[str, ...]:
        return tuple(r["word"] for r in rows if r["match"] == match and r["drop"] == drop)
    return FurnitureWords(re.compile(wordlists.alternation(pick("fragment", "always")) or "(?!)"),
                          re.compile(wordlists.alternation(pick("fragment", "small")) or "(?!)"),
                          frozenset(pick("token", "always")), frozenset(pick("token", "small")))


def furniture_kind(names: list[str]) -> str | None:
    """'always' or 'small' when one of an element's class/id names marks furniture (a fragment inside the name,
    '-' and '_' ignored, or a whole token between them), else None."""
    words = furniture_words()
    kind = None
    for name in names:
        lowered = name.lower()
        joined, tokens = lowered.replace("-", "").replace("_", ""), set(re.split(r"[^0-9a-z]+", lowered))
        if words.always.search(joined) or words.always_tokens & tokens:
            return "always"
        if words.small.search(joined) or words.small_tokens & tokens:
            kind = "small"
    return kind


def marks(tag: Tag) -> list[str]:
    """The class names and id of a tag."""
    return list(tag.get("class") or []) + [tag.get("id") or ""]


def meta_contents(soup: BeautifulSoup) -> dict[str, str]:
    """property/name/itemprop -> content of the page's <meta> tags (the first one of each name), in one pass."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = (tag.get("content") or "").strip()
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if content and isinstance(key, str) and key not in found:
                found[key] = content
    return found


def first_of(contents: dict[str, str], *names: str) -> str | None:
    """The content of the first of `names` the page's <meta> tags give, in the order of `names`."""
    return next((contents[n] for n in names if n in contents), None)


def tags_in(root: Tag) -> list[Tag]:
    """Every tag under root in document order (plain iteration: bs4's find_all(True) is several times slower)."""
    return [node for node in root.descendants if isinstance(node, Tag)]


def story_weights(root: Tag) -> dict[int, int]:
    """id(tag) -> how much story the tag holds: its non-space text outside links (a headline list weighs little).
    One walk of the tree, whatever its depth (legacy pages with unclosed <p> nest thousands deep)."""
    weights: dict[int, int] = {}
    stack = [(root, iter(root.children), root.name == "a")]
    totals = [0]
    while stack:
        tag, children, in_link = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            total = totals.pop()
            weights[id(tag)] = total
            if totals:
                totals[-1] += total
        elif type(child) in TEXT_NODES:
            if not in_link:
                totals[-1] += len("".join(child.split()))
        elif isinstance(child, Tag):
            stack.append((child, iter(child.children), in_link or child.name == "a"))
            totals.append(0)
    return weights


def gone(tag: Tag) -> bool:
    """True when the tag was removed with decompose() (bs4's own `decomposed` searches a live tag's subtree)."""
    return vars(tag).get("_decomposed", False)


def article_body(soup: BeautifulSoup) -> Tag | None:
    """The first element marked itemprop=articleBody that holds text (not a <meta> carrying it as content)."""
    for tag in soup.find_all(attrs={"itemprop": "articleBody"}):
        if tag.name != "meta" and tag.get_text(strip=True):
            return tag
    return None


def is_logo(h1: Tag, outlet: str | None) -> bool:
    """True when an <h1> is the site's logo: its text the outlet's name or a domain (okezone.com)."""
    text = " ".join(h1.get_text(" ").split())
    return bool(text) and ((outlet is not None and text.casefold() == outlet.casefold()) or bool(_DOMAIN.fullmatch(text)))


def title_heading(soup: BeautifulSoup, outlet: str | None = None) -> Tag | None:
    """The story's <h1>: the first non-empty one not in navigation, an aside, a footer or the site's <header>,
    and not a logo."""
    for h1 in soup.find_all("h1"):
        if not h1.get_text(strip=True) or h1.find_parent(["nav", "aside", "footer"]) or is_logo(h1, outlet):
            continue
        header = h1.find_parent("header")
        if header is not None and header.find_parent("article") is None:
            continue  # a site header's logo, not the story's heading
        return h1
    return None


def body_container(soup: BeautifulSoup, explicit: Tag | None, heading_article: Tag | None,
                   weights: dict[int, int]) -> Tag:
    """The article body, chosen once furniture is gone: itemprop=articleBody; else the <article> holding the
    heading if it holds at least a quarter of the page's story (one holding only the headline and date does not;
    a later, longer story on an infinite-scroll page is not this one); else the <article> with most story if it
    holds at least half of the page's; else <main>, <body>."""
    if explicit is not None:
        return explicit
    page = weights.get(id(soup.body or soup), 0)
    if heading_article is not None and not gone(heading_article) and weights.get(id(heading_article), 0) * 4 >= page:
        return heading_article
    articles = [a for a in soup.find_all("article") if not gone(a)]
    if articles:
        best = max(articles, key=lambda a: weights.get(id(a), 0))
        if weights.get(id(best), 0) * 2 >= page:
            return best
    return soup.find("main") or soup.body or soup


def strip_site_suffix(title: str, outlet: str | None) -> str:
    """The title without a trailing '| Site' (or '- Site' when Site is the outlet's name or a domain)."""
    match = _SEPARATED_SUFFIX.search(title)
    if match is None:
        return title
    separator, tail = match.groups()
    tail = tail.strip()
    if separator == "|" or (outlet and tail.casefold() == outlet.casefold()) or _DOMAIN.fullmatch(tail):
        return title[:match.start()]
    return title


def page_title(soup: BeautifulSoup, contents: dict[str, str], heading: Tag | None, outlet: str | None) -> str | None:
    """The story's title: its <h1>, else og:title, else <title> (site suffix removed), else any <h1>."""
    if heading is not None:
        return " ".join(heading.get_text(" ").split())
    for candidate in (first_of(contents, "og:title", "twitter:title"), soup.title.get_text(" ") if soup.title else None):
        text = strip_site_suffix(" ".join((candidate or "").split()), outlet)
        if text:
            return text
    h1 = soup.find("h1")
    text = " ".join(h1.get_text(" ").split()) if h1 else ""
    return text or None


def holding(*inner: Tag | None) -> set[int]:
    """ids of the given tags and of every tag that holds one of them."""
    return {id(t) for tag in inner if tag is not None for t in (tag, *tag.parents)}


def drop_tags(soup: BeautifulSoup, keep: set[int]) -> None:
    """Remove scripts, styles, navigation, asides, headers, footers, captions and form controls in place."""
    for tag in [t for t in tags_in(soup) if t.name in DROP_TAGS]:
        if not gone(tag) and id(tag) not in keep:
            tag.decompose()


def furniture_tags(soup: BeautifulSoup) -> dict[int, tuple[Tag, str]]:
    """id(tag) -> (tag, 'always' | 'small') for every tag whose class or id names furniture, in document order."""
    found = {}
    for tag in tags_in(soup):
        kind = furniture_kind(marks(tag))
        if kind is not None:
            found[id(tag)] = (tag, kind)
    return found


def drop_furniture(furniture: dict[int, tuple[Tag, str]], kind: str, keep: set[int], limit: float = float("inf"),
                   weights: dict[int, int] | None = None) -> None:
    """Remove the furniture blocks of one kind, in place, unless they are inline (a tag link inside a sentence),
    in `keep`, or weigh more than `limit` (a with-ads wrapper around the story)."""
    for tag, found in furniture.values():
        if found != kind or gone(tag) or tag.name in NEVER_DROPPED or tag.name in INLINE or id(tag) in keep:
            continue
        if weights is None or weights.get(id(tag), 0) <= limit:
            tag.decompose()


def running_text(block: Tag, furniture: dict[int, tuple[Tag, str]]) -> str:
    """The block's own text outside nested blocks and outside furniture-named inline elements."""
    parts: list[str] = []
    stack = [iter(block.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif type(child) in TEXT_NODES:
            parts.append(str(child))
        elif isinstance(child, Tag) and child.name not in BLOCK_LEVEL and id(child) not in furniture:
            stack.append(iter(child.children))
    return "".join(parts).strip()


def drop_inline_bars(furniture: dict[int, tuple[Tag, str]]) -> None:
    """Remove furniture-named inline elements (share buttons, tag links) that stand in no running text: their block
    holds nothing else (a bar of <span class='share-fb'>s, a list of tag links). In a sentence they stay."""
    bare: dict[int, bool] = {}
    for tag, _ in furniture.values():
        if gone(tag) or tag.name not in INLINE:
            continue
        block = next((p for p in tag.parents if isinstance(p, Tag) and p.name in BLOCK_LEVEL), None)
        if block is None:
            continue
        if id(block) not in bare:
            bare[id(block)] = not running_text(block, furniture)
        if bare[id(block)]:
            tag.decompose()


def drop_teasers(soup: BeautifulSoup, container: Tag, keep: set[int], limit: float, weights: dict[int, int]) -> None:
    """Remove the <article> elements that are not the story (teasers in a list: mostly links), unless they weigh
    more than limit (a tenth of the story: an <article> with real text is kept in the body)."""
    for article in soup.find_all("article"):
        if not gone(article) and article is not container and id(article) not in keep \
                and weights.get(id(article), 0) <= limit:
            article.decompose()


def paragraphs(container: Tag) -> list[str]:
    """The container's text as paragraphs: block elements and <br> end one, inline markup does not."""
    out: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        line = " ".join("".join(parts).split())
        if line:
            out.append(line)
        parts.clear()

    stack = [(iter(container.children), False)]
    while stack:
        children, is_block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if is_block:
                flush()
        elif type(child) in TEXT_NODES:
            parts.append(str(child))
        elif isinstance(child, Tag):
            if child.name in ("br", "hr"):
                flush()
                continue
            block = child.name in BLOCK_LEVEL
            if block:
                flush()
            stack.append((iter(child.children), block))
    flush()
    return out


def parse_html(markup: str) -> dict:
    """Title, body text (one paragraph per line), url, outlet and published time of a saved article page.

    Order: the heading and an explicit articleBody are found; navigation-like tags and 'always' furniture
    (related lists, comments) go; the container is chosen; then 'small' furniture (ads, tags, share bars) and
    teaser <article>s go when they hold at most half (a tenth for <article>s) of the container's story."""
    soup = BeautifulSoup(markup, "html.parser")
    contents = meta_contents(soup)
    meta = {
        "url": first_of(contents, "og:url") or ((soup.find("link", rel="canonical") or {}).get("href")),
        "outlet": first_of(contents, "og:site_name", "application-name", "publisher"),
        "published": first_of(contents, "article:published_time", "datePublished", "pubdate",
                              "publishdate", "date", "dc.date", "content_PublishedDate"),
    }
    heading = title_heading(soup, meta["outlet"])
    for logo in [h1 for h1 in soup.find_all("h1") if h1 is not heading and is_logo(h1, meta["outlet"])]:
        logo.decompose()
    title = page_title(soup, contents, heading, meta["outlet"])
    explicit = article_body(soup)
    heading_article = heading.find_parent("article") if heading is not None else None
    drop_tags(soup, holding(explicit))
    heading = None if heading is None or gone(heading) else heading
    furniture = furniture_tags(soup)
    drop_furniture(furniture, "always", holding(explicit, heading, heading_article))  # its <header> may be gone
    weights = story_weights(soup)
    container = body_container(soup, explicit, heading_article, weights)
    keep = holding(container, heading)
    half = weights.get(id(container), 0) / 2
    drop_furniture(furniture, "small", keep, half, weights)
    drop_teasers(soup, container, keep, weights.get(id(container), 0) / 10, weights)
    drop_inline_bars(furniture)
    if heading is not None and not gone(heading):
        heading.decompose()
    return {"title": title, "text": "\n".join(paragraphs(container)), **meta}
