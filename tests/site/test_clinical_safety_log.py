"""The hazard log (docs/clinical-safety.md) names a test for every control: each must exist,
so the log cannot claim evidence the suite does not hold."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs/clinical-safety.md"
NODE_ID = re.compile(r"`(tests/[\w/]+\.py(?:::\w+)+)`")
HAZARD = re.compile(r"^## (H\d+)\. (.+)$", re.MULTILINE)


def hazards():
    """Each hazard's heading and text, up to the next hazard."""
    text = LOG.read_text()
    starts = list(HAZARD.finditer(text))
    ends = [match.start() for match in starts[1:]] + [len(text)]
    return {match[2]: text[match.end() : end] for match, end in zip(starts, ends)}


def control_rows(section):
    """The rows of a hazard's table of controls: (control, evidence)."""
    lines = section.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| Control | Evidence |"))
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append((cells[0], cells[1]))
    return rows


def defined_tests(path):
    """Node-id suffixes of the test functions and methods a file defines."""
    tree = ast.parse((ROOT / path).read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names |= {
                f"{node.name}::{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef)
            }
    return names


def test_the_log_has_at_least_eight_hazards_each_fully_described():
    found = hazards()
    assert len(found) >= 8
    for title, section in found.items():
        for field in ["Cause", "Effect", "Severity", "Likelihood", "Risk rating"]:
            assert f"| {field}" in section, f"{title}: no {field}"
        rows = control_rows(section)
        assert rows, f"{title}: no controls"
        for control, evidence in rows:
            assert NODE_ID.search(evidence), f"{title}: '{control}' names no test"


def test_every_test_the_log_names_exists():
    named = {node for section in hazards().values() for node in NODE_ID.findall(section)}
    assert len(named) > 50
    missing = []
    for node in sorted(named):
        path, test = node.split("::", 1)
        if not (ROOT / path).exists() or test not in defined_tests(path):
            missing.append(node)
    assert missing == [], "the hazard log names tests that do not exist"


def test_the_readme_links_the_log():
    assert "docs/clinical-safety.md" in (ROOT / "README.md").read_text()
