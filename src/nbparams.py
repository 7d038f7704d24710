"""The `parameters` cell of a notebook: find it, read its literal values, and check -p overrides."""
from __future__ import annotations

import ast
import json
from pathlib import Path

PARAMETERS_TAG = "parameters"


class ParameterError(ValueError):
    """A notebook's parameters cell or a command-line parameter is invalid."""


def read_notebook_json(path: Path) -> dict:
    """The notebook as plain JSON (cheap: no nbformat import), with a clear error if unreadable."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ParameterError(f"{path}: not a readable notebook ({exc})") from exc


def cell_source(cell: dict) -> str:
    """A cell's source as one string (nbformat allows a list of lines)."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def parameters_source(nb: dict, path: Path) -> str:
    """Source of the one cell tagged `parameters`; error if there is none or more than one."""
    tagged = [c for c in nb.get("cells", []) if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        raise ParameterError(f"{path}: needs exactly one cell tagged {PARAMETERS_TAG!r}, found {len(tagged)}")
    if tagged[0].get("cell_type") != "code":
        raise ParameterError(f"{path}: the cell tagged {PARAMETERS_TAG!r} must be a code cell")
    return cell_source(tagged[0])


def literal_assignment(stmt: ast.stmt, path: Path) -> tuple[str, object]:
    """(name, value) of one `name = <literal>` statement, or a ParameterError naming the line."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target, value = stmt.targets[0], stmt.value
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        target, value = stmt.target, stmt.value
    else:
        raise ParameterError(f"{path}: parameters cell line {stmt.lineno}: only `name = literal` assignments are allowed")
    if not isinstance(target, ast.Name):
        raise ParameterError(f"{path}: parameters cell line {stmt.lineno}: assign to a plain name")
    try:
        return target.id, ast.literal_eval(value)
    except ValueError as exc:
        raise ParameterError(f"{path}: parameters cell line {stmt.lineno}: {target.id} is not a literal value") from exc


def literal_parameters(source: str, path: Path) -> dict[str, object]:
    """All parameters (name -> literal value) of a parameters-cell source, in order."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParameterError(f"{path}: parameters cell does not parse: {exc.msg} (line {exc.lineno})") from exc
    return dict(literal_assignment(stmt, path) for stmt in tree.body)


def notebook_parameters(path: Path) -> dict[str, object]:
    """The default parameters of the notebook at `path`."""
    return literal_parameters(parameters_source(read_notebook_json(path), path), path)


def parse_override(text: str) -> tuple[str, object, str]:
    """NAME=VALUE -> (name, literal value or the plain string, raw text)."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise ParameterError(f"-p {text!r}: expected NAME=VALUE with NAME a Python identifier")
    try:
        value = ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        value = raw
    return name, value, raw


def compatible(default: object, value: object) -> bool:
    """Whether `value` may replace `default` (same type; int for float; anything for None)."""
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return type(default) is type(value)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def coerce_override(name: str, value: object, raw: str, default: object, path: Path) -> object:
    """The override value to pass for a parameter with `default`; str defaults take the raw text."""
    if isinstance(default, str) and not isinstance(value, str):
        return raw
    if not compatible(default, value):
        raise ParameterError(
            f"-p {name}={raw}: {path.name} expects {type(default).__name__} "
            f"(default {default!r}), got {type(value).__name__}")
    return float(value) if isinstance(default, float) else value


def apply_overrides(defaults_by_nb: dict[Path, dict], overrides: list[str], fixed: dict[str, object]) -> dict[Path, dict]:
    """Per notebook, the parameters to inject: `fixed` and -p values for the names it declares.

    A -p name that no notebook declares, or a value of an incompatible type, is a ParameterError.
    """
    parsed = [parse_override(o) for o in overrides]
    declared = set().union(*defaults_by_nb.values()) if defaults_by_nb else set()
    unknown = sorted({n for n, _, _ in parsed if n not in declared})
    if unknown:
        raise ParameterError(f"unknown parameter(s) {', '.join(unknown)}: no selected notebook declares them "
                             f"(declared: {', '.join(sorted(declared)) or 'none'})")
    result = {}
    for path, defaults in defaults_by_nb.items():
        injected = {k: v for k, v in fixed.items() if k in defaults}
        for name, value, raw in parsed:
            if name in defaults:
                injected[name] = coerce_override(name, value, raw, defaults[name], path)
        result[path] = injected
    return result
