"""Published reports: normalise an executed notebook, export it as offline HTML with a footer, build index.html."""
from __future__ import annotations

import html
import re
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "offline"
REPORT_CSS = TEMPLATES / TEMPLATE_NAME / "report.css"
INDEX_CSS = TEMPLATES / "index.css"
HIDE_OUTPUT_TAG = "hide-output"
PROJECT = "indonews-actors"
# Execution bookkeeping that differs between runs; never part of a published page.
VOLATILE_CELL_METADATA = ("papermill", "execution", "collapsed", "scrolled")
STYLER_TABLE_ID = re.compile(r'id="T_([0-9a-f]{3,32})"')
MEMORY_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,16}\b")
CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?\1")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def cell_text(cell) -> str:
    """A cell's source as one string."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def report_title(nb, default: str) -> str:
    """The first markdown heading of a notebook, as plain text (or `default`)."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            m = HEADING.search(cell_text(cell))
            if m:
                return re.sub(r"[*_`]", "", m.group(1)).strip()
    return default


def strip_volatile_metadata(nb) -> None:
    """Drop papermill/nbclient timings and ids that change on every run, and renumber cell ids."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    for i, cell in enumerate(nb.cells):
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        cell["id"] = f"cell-{i}"


def hide_tagged_outputs(nb) -> None:
    """Clear the outputs of cells tagged `hide-output`."""
    for cell in nb.cells:
        if HIDE_OUTPUT_TAG in cell.metadata.get("tags", []):
            cell["outputs"] = []


def drop_stderr(nb) -> int:
    """Remove stderr streams (warnings, progress noise) from outputs; return how many were removed."""
    removed = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
        removed += len(cell.outputs) - len(kept)
        cell["outputs"] = kept
    return removed


def drop_silent_code_cells(nb) -> None:
    """Remove code cells that show nothing (inputs are never published)."""
    nb.cells = [c for c in nb.cells if c.cell_type != "code" or c.outputs]


def output_texts(output):
    """(container, key) pairs of the text-bearing fields of one output."""
    if output.output_type == "stream":
        yield output, "text"
    for mime in ("text/html", "text/plain", "text/markdown"):
        if mime in output.get("data", {}):
            yield output.data, mime


def normalise_text(text: str, styler_ids: dict[str, str]) -> str:
    """Replace random pandas Styler uuids (numbered in order of appearance) and memory addresses."""
    for uuid in STYLER_TABLE_ID.findall(text):
        styler_ids.setdefault(uuid, f"s{len(styler_ids)}")
    for uuid, stable in styler_ids.items():
        text = re.sub(rf"\bT_{uuid}(?![0-9a-f])", f"T_{stable}", text)
    return MEMORY_ADDRESS.sub("0x0", text)


def neutralise_markdown_html(text: str) -> str:
    """Escape '<' outside code spans, so Markdown built from article text cannot inject HTML."""
    parts, last = [], 0
    for m in CODE_SPAN.finditer(text):
        parts += [text[last:m.start()].replace("<", "&lt;"), m.group(0)]
        last = m.end()
    return "".join(parts) + text[last:].replace("<", "&lt;")


def normalise_outputs(nb) -> None:
    """Make every text output stable across runs (see normalise_text); defuse HTML in Markdown outputs."""
    styler_ids: dict[str, str] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for container, key in list(output_texts(output)):
                value = container[key]
                joined = "".join(value) if isinstance(value, list) else value
                container[key] = normalise_text(joined, styler_ids)
            if "text/markdown" in output.get("data", {}):
                output.data["text/markdown"] = neutralise_markdown_html(output.data["text/markdown"])


def normalise_notebook(nb) -> int:
    """Prepare an executed notebook for publishing, in place; return the number of stderr outputs hidden."""
    strip_volatile_metadata(nb)
    hide_tagged_outputs(nb)
    hidden = drop_stderr(nb)
    drop_silent_code_cells(nb)
    normalise_outputs(nb)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    return hidden


def package_versions() -> dict[str, str]:
    """Python and the installed versions of the project's runtime dependencies (plus numpy)."""
    names = ["numpy"]
    for req in metadata.requires(PROJECT) or []:
        if "extra ==" not in req:
            names.append(re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0])
    versions = {"python": sys.version.split()[0]}
    for name in sorted(set(names), key=str.lower):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def definition_list(items: list[tuple[str, str]]) -> str:
    """<dl> of (term, already-escaped HTML) pairs."""
    return "<dl>" + "".join(f"<dt>{html.escape(t)}</dt><dd>{d}</dd>" for t, d in items) + "</dl>"


def code(value: object) -> str:
    """Escaped inline code."""
    return f"<code>{html.escape(str(value))}</code>"


def footer_html(raw_dir: str, raw: dict, parameters: dict, versions: dict, commit: str, code_hash: str) -> str:
    """The provenance footer of a report: inputs, parameters, package versions, git commit."""
    params = ", ".join(f"{code(k)} = {code(repr(v))}" for k, v in sorted(parameters.items())) or "none"
    packages = ", ".join(f"{html.escape(k)} {html.escape(v)}" for k, v in versions.items())
    items = [
        ("Inputs", f"{raw['files']} file(s) in {code(raw_dir)}, content hash {code('sha256:' + raw['sha256'])}"),
        ("Parameters", params),
        ("Code", f"git commit {code(commit)}; source and lexicon hash {code('sha256:' + code_hash)}"),
        ("Packages", packages),
        ("Rendered by", code("python -m src.render")),
    ]
    return f'<footer class="report-footer"><h2>About this report</h2>{definition_list(items)}</footer>'


@lru_cache(maxsize=1)
def report_exporter():
    """One HTMLExporter for the offline template (its templates are compiled once per process)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)], template_name=TEMPLATE_NAME,
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True, embed_images=True,
    )


def export_report(nb, title: str, footer: str) -> str:
    """The executed, normalised notebook as one offline HTML page (no inputs, no prompts, no scripts)."""
    exporter = report_exporter()
    nb.metadata["title"] = title
    resources = {"report_footer": footer, "report_css": REPORT_CSS.read_text(encoding="utf-8")}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return normalise_page(body)


def normalise_page(page: str) -> str:
    """Final byte-level tidying: LF line ends, no trailing spaces, one final newline."""
    lines = page.replace("\r\n", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"
