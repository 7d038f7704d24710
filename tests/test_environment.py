"""The environment: environment.yml mirrors pyproject.toml, the kernel is the project's own, the front door works."""
from __future__ import annotations

import re
import sys
import tomllib

import yaml

from src import paths

CONDA_ONLY = {"python", "pip"}


def pyproject() -> dict:
    """pyproject.toml as a dict."""
    return tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def environment() -> dict:
    """environment.yml as a dict."""
    return yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))


def normalised(spec: str) -> str:
    """A requirement with spaces removed and the name lower-cased (conda and pip spell them alike then)."""
    spec = spec.replace(" ", "")
    name = re.split(r"[<>=!~]", spec, maxsplit=1)[0]
    return name.lower().replace("_", "-") + spec[len(name):]


def conda_entries() -> tuple[list[str], list]:
    """(plain conda specs, pip sub-list) of environment.yml."""
    deps = environment()["dependencies"]
    pip = next((d["pip"] for d in deps if isinstance(d, dict) and "pip" in d), [])
    return [d for d in deps if isinstance(d, str)], pip


def test_environment_names_the_same_dependencies_as_pyproject():
    project = pyproject()["project"]
    wanted = {normalised(s) for s in project["dependencies"] + project["optional-dependencies"]["test"]}
    specs, _ = conda_entries()
    conda = {normalised(s) for s in specs if re.split(r"[<>=!~]", s)[0] not in CONDA_ONLY}
    assert conda == wanted, f"only in environment.yml: {conda - wanted}; only in pyproject: {wanted - conda}"


def test_environment_is_conda_forge_python_311_with_pip_install_of_project():
    env = environment()
    assert env["channels"][0] == "conda-forge"
    specs, pip = conda_entries()
    assert "python=3.11" in specs and "pip" in specs
    assert any(p.replace(" ", "") in {"-e.", "."} for p in pip), pip
    assert pyproject()["project"]["requires-python"].startswith(">=3.11")


def test_python3_kernel_is_this_environment():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    # jupyter_client replaces a bare "python" argv[0] by sys.executable, i.e. this .venv's interpreter
    assert spec.argv[0] in {"python", "python3", sys.executable}, spec.argv


def test_readme_commands_exist_in_makefile_and_ci():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    for target, command in [("reports", "-m src.render"), ("test", "-m pytest"), ("lab", "jupyter lab")]:
        assert f"make {target}" in readme
        body = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)
        assert body and command in body.group(1), f"make {target} should run {command}"
    assert "make test" in (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")


def lock_pins() -> dict[str, str]:
    """name -> pinned version of requirements-lock.txt (names normalised as pip does)."""
    pins: dict[str, str] = {}
    for line in (paths.ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version and name.lower().replace("_", "-") not in pins, f"not one exact pin per package: {line!r}"
            pins[name.lower().replace("_", "-")] = version.strip()
    return pins


def test_lock_pins_every_dependency_at_an_allowed_version():
    """The Makefile installs with `-c requirements-lock.txt`: each dependency must be pinned there, inside its range."""
    from packaging.requirements import Requirement

    project = pyproject()["project"]
    pins = lock_pins()
    for spec in project["dependencies"] + project["optional-dependencies"]["test"]:
        requirement = Requirement(spec)
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{name} is not pinned in requirements-lock.txt (run `make lock`)"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {spec!r} (run `make lock`)"
    assert "-c requirements-lock.txt" in (paths.ROOT / "Makefile").read_text(encoding="utf-8")
