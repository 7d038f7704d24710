"""A saved article page (HTML) turned into title, body paragraphs and metadata, without the site's furniture.

The body is the page's article container (itemprop=articleBody, else the <article> holding the most
text, else <main>, else <body>) with scripts, navigation and furniture blocks (related links, share
bars, ads: data/lexicon/html_furniture*.txt) removed. All of its text is kept, in document order:
block elements and <br> end a paragraph, inline markup does not.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

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
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+", re.UNICODE)


@lru_cache(maxsize=4)
def furniture_words(lexicon_dir: str = str(paths.LEXICON)) -> tuple[re.Pattern, frozenset[str]]:
    """(pattern of furniture fragments, set of whole furniture tokens) from the lexicon's two lists."""
    folder = Path(lexicon_dir)
    fragments = wordlists.read_words(folder / "html_furniture.txt")
    tokens = wordlists.read_words(folder / "html_furniture_tokens.txt")
    return re.compile(wordlists.alternation(fragments)), frozenset(tokens)


def names_furniture(names: list[str]) -> bool:
    """True when one of an element's class/id names marks furniture (a fragment inside it, or a whole token)."""
    fragments, tokens = furniture_words()
    for name in names:
        lowered = name.lower()
        if fragments.search(lowered.replace("-", "").replace("_", "")):
            return True
        if tokens.intersection(re.split(r"[^0-9a-z]+", lowered)):
            return True
    return False


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    """Content of the first <meta> whose property/name/itemprop is one of `names`."""
    for name in names:
        for attr in ("property", "name", "itemprop"):
            tag = soup.find("meta", attrs={attr: name})
            if tag and tag.get("content", "").strip():
                return tag["content"].strip()
    return None


def text_length(tag: Tag) -> int:
    """Number of non-space characters of text under a tag."""
    return sum(len("".join(s.split())) for s in tag.find_all(string=True) if type(s) in TEXT_NODES)


def story_weight(tag: Tag, by_paragraphs: bool) -> int:
    """How much of the story a tag holds: the text of its <p> elements, or all its text on a page without <p>."""
    if not by_paragraphs:
        return text_length(tag)
    return sum(text_length(p) for p in ([tag] if tag.name == "p" else tag.find_all("p")))


def body_container(soup: BeautifulSoup) -> Tag:
    """The article body: itemprop=articleBody, else the <article> with most text, else <main>, <body>, the page."""
    explicit = soup.find(attrs={"itemprop": "articleBody"})
    if explicit is not None:
        return explicit
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=text_length)  # a page may hold teaser <article>s before the story
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


def protected(tag: Tag, keep: list[Tag]) -> bool:
    """True when a tag is, or holds, one of the elements that must stay (the body container, the title)."""
    return any(k is tag or any(parent is tag for parent in k.parents) for k in keep)


def drop_furniture(soup: BeautifulSoup, container: Tag, keep: list[Tag]) -> None:
    """Remove scripts, navigation and furniture blocks in place; never inline text, what holds `keep`, or a
    block holding more than half of the story (a wrapper whose class happens to match, like 'with-ads')."""
    for tag in soup.find_all(DROP_TAGS):
        if not tag.decomposed and not protected(tag, keep):
            tag.decompose()
    by_paragraphs = story_weight(container, True) > 0
    half = story_weight(container, by_paragraphs) / 2
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in NEVER_DROPPED or tag.name in INLINE:
            continue
        names = list(tag.get("class") or []) + [tag.get("id") or ""]
        if names_furniture(names) and not protected(tag, keep) and story_weight(tag, by_paragraphs) <= half:
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
    drop_furniture(soup, container, [t for t in (container, heading) if t is not None])
    if heading is not None:
        heading.decompose()
    return {"title": title, "text": "\n".join(paragraphs(container)), **meta}
