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

DROP_TAGS = ("script", "style", "noscript", "nav", "aside", "footer", "header", "form", "iframe",
             "svg", "button", "figcaption", "figure", "template", "select", "input")
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


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    """Content of the first <meta> whose property/name/itemprop is one of `names` (in the order of `names`)."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = (tag.get("content") or "").strip()
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if content and isinstance(key, str) and key not in found:
                found[key] = content
    return next((found[n] for n in names if n in found), None)


def tags_in(root: Tag) -> list[Tag]:
    """Every tag under root in document order (plain iteration: bs4's find_all(True) is several times slower)."""
    return [node for node in root.descendants if isinstance(node, Tag)]


def texts_in(root: Tag) -> list[NavigableString]:
    """Every text node under root in document order (no comments, doctypes or script text)."""
    return [node for node in root.descendants if type(node) in TEXT_NODES]


def text_length(tag: Tag) -> int:
    """Number of non-space characters of text under a tag."""
    return sum(len("".join(s.split())) for s in texts_in(tag))


def story_weights(root: Tag) -> dict[int, int]:
    """id(tag) -> how much story the tag holds: its non-space text outside links (a headline list weighs little).
    One pass over the text, so nested blocks cost no more than flat ones."""
    weights: dict[int, int] = {}
    for string in texts_in(root):
        size = len("".join(string.split()))
        parents = list(string.parents)
        if size and not any(p.name == "a" for p in parents):
            for parent in parents:
                weights[id(parent)] = weights.get(id(parent), 0) + size
    return weights


def gone(tag: Tag) -> bool:
    """True when the tag was removed with decompose() (bs4's own `decomposed` searches a live tag's subtree)."""
    return vars(tag).get("_decomposed", False)


def in_furniture(tag: Tag) -> bool:
    """True when the tag sits in a block that is always furniture (a related list, comments, navigation)."""
    return any(parent.name in DROP_TAGS or furniture_kind(marks(parent)) == "always" for parent in tag.parents
               if isinstance(parent, Tag) and parent.name not in NEVER_DROPPED)


def body_container(soup: BeautifulSoup) -> Tag:
    """The article body: itemprop=articleBody, else the <article> with most story outside furniture (a page may hold
    teaser <article>s in a related list), else <main>, else <body>, else the page."""
    explicit = soup.find(attrs={"itemprop": "articleBody"})
    if explicit is not None:
        return explicit
    articles = [a for a in soup.find_all("article") if not in_furniture(a)]
    if articles:
        weights = story_weights(soup)
        return max(articles, key=lambda a: weights.get(id(a), 0))
    return soup.find("main") or soup.body or soup


def title_heading(container: Tag) -> Tag | None:
    """The first non-empty <h1> of the container that is not in a site header, navigation, aside or footer."""
    for h1 in container.find_all("h1"):
        if not h1.get_text(strip=True) or h1.find_parent(["nav", "aside", "footer"]):
            continue
        header = h1.find_parent("header")
        if header is not None and header.find_parent("article") is None and container.name != "article":
            continue  # a site header's logo, not the story's heading
        return h1
    return None


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


def page_title(soup: BeautifulSoup, heading: Tag | None, outlet: str | None) -> str | None:
    """The story's title: its <h1>, else og:title, else <title> (site suffix removed), else any <h1>."""
    if heading is not None:
        return " ".join(heading.get_text(" ").split())
    for candidate in (_meta(soup, "og:title", "twitter:title"), soup.title.get_text(" ") if soup.title else None):
        text = strip_site_suffix(" ".join((candidate or "").split()), outlet)
        if text:
            return text
    h1 = soup.find("h1")
    text = " ".join(h1.get_text(" ").split()) if h1 else ""
    return text or None


def holds(tag: Tag, inner: Tag | None) -> bool:
    """True when a tag is, or holds, `inner`."""
    return inner is not None and (tag is inner or any(parent is tag for parent in inner.parents))


def drop_furniture(soup: BeautifulSoup, container: Tag, heading: Tag | None = None) -> None:
    """Remove scripts, navigation and furniture blocks in place. Never inline text (a tag link inside a sentence),
    what holds the container, a furniture-named block holding the story's heading (a 'content share-enabled'
    wrapper), or a 'small'-kind block holding more than half of the story (a with-ads or tag-rusia wrapper)."""
    for tag in [t for t in tags_in(soup) if t.name in DROP_TAGS]:
        if not gone(tag) and not holds(tag, container):
            tag.decompose()
    heading = None if heading is None or gone(heading) else heading
    weights = story_weights(soup)
    half = weights.get(id(container), 0) / 2
    for tag in tags_in(soup):
        if gone(tag) or tag.name in NEVER_DROPPED or tag.name in INLINE:
            continue
        kind = furniture_kind(marks(tag))
        if kind == "always" or (kind == "small" and weights.get(id(tag), 0) <= half):
            if not holds(tag, container) and not holds(tag, heading):
                tag.decompose()


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
    """Title, body text (one paragraph per line), url, outlet and published time of a saved article page."""
    soup = BeautifulSoup(markup, "html.parser")
    meta = {
        "url": _meta(soup, "og:url") or ((soup.find("link", rel="canonical") or {}).get("href")),
        "outlet": _meta(soup, "og:site_name", "application-name", "publisher"),
        "published": _meta(soup, "article:published_time", "datePublished", "pubdate",
                           "publishdate", "date", "dc.date", "content_PublishedDate"),
    }
    container = body_container(soup)
    heading = title_heading(container)
    title = page_title(soup, heading, meta["outlet"])
    drop_furniture(soup, container, heading)
    if heading is not None and not gone(heading):
        heading.decompose()
    return {"title": title, "text": "\n".join(paragraphs(container)), **meta}
