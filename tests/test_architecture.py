"""The architecture as tests: the import layers, no import cycle, one installed namespace.

grimp, on which import-linter builds, finds a package's modules by walking the package's folder.
This repository keeps ``nlp/``, ``rules/`` and ``models/`` beside ``budgetlint/`` and installs them
as ``budgetlint.nlp``, ``budgetlint.rules`` and ``budgetlint.models`` through
``[tool.setuptools.package-dir]``, so the folder ``budgetlint/`` alone holds only the application
modules.  The tests therefore assemble the installed layout in a temporary folder (each folder of
that mapping copied to where it is installed) and analyse the copy in a subprocess that finds
``budgetlint`` there first (this process has imported the real package already).  A back-import
planted in a copy must break the contract, so the check is known to see every module.

Run as a script, this file checks the import contracts the same way (``make lint`` does so):
``python tests/test_architecture.py [lint-imports options]``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = REPO / "pyproject.toml"


def _pyproject() -> dict:
    with PYPROJECT.open("rb") as f:
        return tomllib.load(f)


def _package_dirs() -> dict[str, str]:
    """``[tool.setuptools.package-dir]``, parents before their children."""
    mapping = _pyproject()["tool"]["setuptools"]["package-dir"]
    assert "" not in mapping, "a root package-dir ('' = ...) is not handled here"
    return dict(sorted(mapping.items(), key=lambda kv: kv[0].count(".")))


def _only_python(folder: str, names: list[str]) -> list[str]:
    """copytree's ignore: keep sub-folders and .py files (the import graph needs nothing else)."""
    return [n for n in names if n == "__pycache__" or (not n.endswith(".py") and not Path(folder, n).is_dir())]


def assemble(dest: Path) -> Path:
    """Lay out the Python files as ``pip install .`` installs them, under ``dest``; return ``dest``."""
    for package, folder in _package_dirs().items():
        shutil.copytree(REPO / folder, dest.joinpath(*package.split(".")), ignore=_only_python, dirs_exist_ok=True)
    return dest


def _modules_on_disk(root: Path) -> set[str]:
    """Every module under ``root`` by its dotted name (a package by its own name)."""
    names = set()
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _python(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run this interpreter in ``root`` with only ``root`` on PYTHONPATH, so ``budgetlint`` comes from there
    (the editable install's finder comes after the path; import-linter also puts the working folder first)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=120)


_LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(root: Path, *options: str) -> subprocess.CompletedProcess:
    return _python(root, "-c", _LINT_IMPORTS, str(PYPROJECT), "--no-cache", "--no-logo", *options)


_GRAPH = """
import importlib.util, json, sys
import grimp
graph = grimp.build_graph("budgetlint", cache_dir=None)
imports = []
for importer in sorted(graph.modules):
    for imported in sorted(graph.find_modules_directly_imported_by(importer)):
        details = graph.get_import_details(importer=importer, imported=imported)
        imports.append([importer, imported, [[d["line_number"], d["line_contents"]] for d in details]])
origin = importlib.util.find_spec("budgetlint").origin
json.dump({"origin": origin, "modules": sorted(graph.modules), "imports": imports}, sys.stdout)
"""


def import_graph(root: Path) -> dict:
    """grimp's graph of the layout under ``root``: modules, and each direct import with its lines
    (function-level imports included)."""
    proc = _python(root, "-c", _GRAPH)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def plant(root: Path, module_file: str, code: str) -> None:
    """Append ``code`` to a module of the assembled layout (``module_file`` as in the repository)."""
    package, _, rest = module_file.partition("/")
    installed = {folder: name for name, folder in _package_dirs().items()}[package]
    path = root.joinpath(*installed.split("."), rest)
    path.write_text(path.read_text(encoding="utf-8") + "\n" + textwrap.dedent(code), encoding="utf-8")


def cycles(modules: list[str], imports: list[list]) -> list[set[str]]:
    """The strongly connected components of more than one module, or of one that imports itself."""
    edges: dict[str, list[str]] = {m: [] for m in modules}
    for importer, imported, _ in imports:
        edges[importer].append(imported)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in modules:  # Tarjan's algorithm, iterative
        if start in index:
            continue
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges[node]:
                    found.append(component)
    return found


def describe_cycles(graph: dict) -> str:
    lines = []
    for component in cycles(graph["modules"], graph["imports"]):
        lines.append("cycle of " + ", ".join(sorted(component)) + ":")
        for importer, imported, details in graph["imports"]:
            if importer in component and imported in component:
                for line_number, contents in details:
                    lines.append(f"  {importer} (line {line_number}: {contents}) -> {imported}")
    return "\n".join(lines)


def _layers() -> list[list[str]]:
    (contract,) = [c for c in _pyproject()["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [[m.strip() for m in layer.replace("|", ":").split(":")] for layer in contract["layers"]]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    return assemble(tmp_path_factory.mktemp("installed"))


@pytest.fixture(scope="module")
def graph(installed) -> dict:
    return import_graph(installed)


def test_the_graph_is_of_the_assembled_layout(installed, graph):
    assert Path(graph["origin"]).parent == installed / "budgetlint"
    assert set(graph["modules"]) == _modules_on_disk(installed)
    assert {"budgetlint.nlp.model", "budgetlint.rules.base", "budgetlint.models.store"} <= set(graph["modules"])


def test_every_module_belongs_to_a_layer(graph):
    layer_modules = [m for layer in _layers() for m in layer]
    containers = {"budgetlint", "budgetlint.nlp"}  # package __init__s holding the layers
    outside = [
        m
        for m in graph["modules"]
        if m not in containers and not any(m == top or m.startswith(top + ".") for top in layer_modules)
    ]
    assert not outside, f"modules in no layer of [tool.importlinter] (add them to one): {outside}"


def test_the_import_contracts_are_kept(installed):
    proc = lint_imports(installed)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


@pytest.mark.parametrize(
    ("module_file", "code", "importer", "broken"),
    [
        # the model reaching up to the rules: both contracts
        ("nlp/model.py", "import budgetlint.rules\n", "budgetlint.nlp.model", 2),
        # readers and analysis are independent siblings
        ("nlp/readers/txt.py", "from budgetlint.nlp.analysis import sections\n", "budgetlint.nlp.readers.txt", 1),
        # a function-level import counts as much as a top-level one
        (
            "nlp/numbers/quantities.py",
            "def _planted():\n    from budgetlint.nlp.model import Document\n",
            "budgetlint.nlp.numbers.quantities",
            1,
        ),
        # the rules do not call the application
        ("rules/base.py", "from budgetlint import runner\n", "budgetlint.rules.base", 1),
    ],
)
def test_a_back_import_breaks_the_contract(installed, tmp_path, module_file, code, importer, broken):
    root = shutil.copytree(installed, tmp_path / "installed")
    plant(root, module_file, code)
    proc = lint_imports(root)
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert f"{broken} broken" in proc.stdout, proc.stdout + proc.stderr
    assert importer in proc.stdout, proc.stdout


def test_no_import_cycle(graph):
    assert not cycles(graph["modules"], graph["imports"]), describe_cycles(graph)


def test_a_planted_cycle_is_found(installed, tmp_path):
    root = shutil.copytree(installed, tmp_path / "installed")
    # model -> numbers.quantities -> (numbers.units ->) lexicon, and now lexicon -> model inside a function
    plant(root, "nlp/lexicon.py", "def _planted():\n    from budgetlint.nlp import model\n")
    planted = import_graph(root)
    assert cycles(planted["modules"], planted["imports"]) == [
        {
            "budgetlint.nlp.lexicon",
            "budgetlint.nlp.model",
            "budgetlint.nlp.numbers.quantities",
            "budgetlint.nlp.numbers.units",
        }
    ]
    assert "budgetlint.nlp.lexicon (line" in describe_cycles(planted)


def test_the_wheel_installs_one_namespace(tmp_path):
    """What ``pip install .`` installs: only ``budgetlint`` at the top, the data files inside it."""
    source = tmp_path / "source"  # a clean copy: no build/ or egg-info of earlier builds leaks in
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    for folder in set(_package_dirs().values()):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp_path / "dist"
    build = "import sys, setuptools.build_meta as backend; backend.build_wheel(sys.argv[1])"
    proc = subprocess.run(
        [sys.executable, "-c", build, str(dist)], cwd=source, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        top_level = [n for n in names if n.endswith(".dist-info/top_level.txt")]
        if top_level:
            assert zf.read(top_level[0]).decode().split() == ["budgetlint"]

    tops = {n.split("/", 1)[0] for n in names}
    dist_info = {t for t in tops if t.endswith(".dist-info")}
    assert len(dist_info) == 1, tops
    assert tops - dist_info == {"budgetlint"}
    assert not tops & {"nlp", "rules", "models"}

    files = set(names)
    data = [f"budgetlint/nlp/data/{p.name}" for p in sorted((REPO / "nlp" / "data").glob("*.yaml"))]
    artefacts = [
        f"budgetlint/models/artefacts/{p.name}"
        for p in sorted((REPO / "models" / "artefacts").iterdir())
        if p.is_file() and not p.name.startswith(".")
    ]
    assert data and artefacts
    assert not [f for f in data + artefacts if f not in files], "package data missing from the wheel"

    # every module of the source tree is in the wheel ([tool.setuptools] packages lists every package)
    with tempfile.TemporaryDirectory() as layout:
        expected = {p.relative_to(layout).as_posix() for p in assemble(Path(layout)).rglob("*.py")}
    assert {n for n in files if n.endswith(".py")} == expected


def main(argv: list[str]) -> int:
    """Check the import contracts on the assembled layout; options go to lint-imports."""
    with tempfile.TemporaryDirectory() as tmp:
        root = assemble(Path(tmp))
        env = {**os.environ, "PYTHONPATH": str(root)}
        args = [sys.executable, "-c", _LINT_IMPORTS, str(PYPROJECT), "--no-cache", *argv]
        return subprocess.run(args, cwd=root, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
