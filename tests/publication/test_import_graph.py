"""No import cycle between samrad's apps (issue 14): every `import samrad.X` / `from samrad.X …` (also inside
functions, also relative) in src/samrad/**.py, migrations left out, as an app-level graph."""

import ast
from collections import defaultdict
from pathlib import Path

import samrad

ROOT = Path(samrad.__file__).parent


def _imported(path: Path) -> set[str]:
    """Absolute module names imported by one file."""
    # The package a relative import starts from: a module's parent; for __init__.py, the package it opens.
    package = ["samrad", *path.relative_to(ROOT).with_suffix("").parts][:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
                names.add(module)
                names.update(f"{module}.{alias.name}" for alias in node.names)  # from . import x
            else:
                names.add(node.module or "")
    return names


def app_graph() -> dict[str, dict[str, list[str]]]:
    """app -> {imported app: [files that import it]}."""
    apps = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or "migrations" in parts or parts[0] not in apps:
            continue
        for name in _imported(path):
            target = name.split(".")
            if len(target) > 1 and target[0] == "samrad" and target[1] in apps and target[1] != parts[0]:
                graph[parts[0]][target[1]].append(str(path.relative_to(ROOT)))
    return graph


def cycles(graph) -> list[list[str]]:
    """Each strongly connected set of more than one app (Tarjan), as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, {}):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            members = []
            while True:
                member = stack.pop()
                members.append(member)
                if member == node:
                    break
            if len(members) > 1:
                found.append(sorted(members))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_imports_of_every_kind():
    graph = app_graph()
    assert "publication" in graph["review"]  # module level, absolute
    assert "publication" in graph["results"]
    assert "publication" in graph["followup"]
    assert cycles({"a": {"b": []}, "b": {"c": []}, "c": {"a": []}, "d": {"a": []}}) == [["a", "b", "c"]]


def test_publication_does_not_import_the_apps_that_render_or_write_through_it():
    graph = app_graph()
    assert not {"review", "results", "followup"} & set(graph["publication"]), dict(graph["publication"])


# Known cycles, with the files that make them; the test fails when one grows, appears or is gone. None is left:
# the personal-data registry and the privacy-notice hook live in core, so the apps that store personal data
# register with core, and privacy (which loads their data for erasure) sits above them all.
KNOWN: list[list[str]] = []


def test_no_import_cycle_between_apps():
    graph = app_graph()
    found = cycles(graph)
    detail = []
    for members in found:
        for a in members:
            for b in members:
                if b in graph[a]:
                    detail.append(f"  {a} -> {b}: {', '.join(sorted(set(graph[a][b]))[:3])}")
    assert found == KNOWN, f"Import cycles between apps (known: {KNOWN}):\n" + "\n".join(detail)
