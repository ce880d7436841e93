"""The portal's packages import only downward, so each audience's code can change without
reaching into another's: the registry (networks, boards, people) at the bottom, then sign-in and
registration, then the pathways core, then
the two sites built on it (public and workspace, which never import each other), and the
configuration (`scn_portal`) on top, which nothing imports."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

# What each package may import of ours, besides itself.
MAY_IMPORT = {
    "networks": set(),
    "accounts": {"networks"},
    "pathways": {"accounts", "networks"},
    "public_site": {"accounts", "networks", "pathways"},
    "workspace": {"accounts", "networks", "pathways"},
    # The open API, and e-mail subscriptions: beside the two sites, on the pathways core.
    "api": {"networks", "pathways"},
    "subscriptions": {"accounts", "networks", "pathways"},
    "scn_portal": {
        "accounts",
        "networks",
        "pathways",
        "public_site",
        "workspace",
        "api",
        "subscriptions",
    },
}
OURS = set(MAY_IMPORT) | {"scripts", "bench", "tests"}


def imported_packages(path):
    """The top-level packages a module imports, wherever in the module the import is."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.partition(".")[0]


def modules():
    for package in MAY_IMPORT:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path


@pytest.mark.parametrize(
    "package,path",
    list(modules()),
    ids=lambda p: str(p.relative_to(ROOT)) if isinstance(p, Path) else p,
)
def test_each_module_imports_only_packages_below_its_own(package, path):
    upward = {
        name
        for name in imported_packages(path)
        if name in OURS and name != package and name not in MAY_IMPORT[package]
    }
    assert not upward, f"{path.relative_to(ROOT)} imports {sorted(upward)}"


def test_the_layout_names_every_package_of_the_portal():
    """A new app must take its place in the layers above before it can be imported."""
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert packages - {"tests", "bench"} == set(MAY_IMPORT)


def test_the_development_database_script_is_not_part_of_the_installed_portal():
    installed = (ROOT / "pyproject.toml").read_text()
    assert "scripts" not in installed.split("[tool.setuptools.packages.find]")[1].split("\n\n")[0]
    assert not list((ROOT / "scn_portal").glob("devdb*"))


def test_the_production_image_copies_every_package_of_the_portal():
    """Each stage of the Dockerfile that copies the apps copies all of them (two were missed
    once: the image would not have started)."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in MAY_IMPORT:
        assert dockerfile.count(f"COPY {package}/ {package}/") == 2, package
