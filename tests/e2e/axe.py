"""axe-core (the accessibility engine web teams run in CI) inside a real Chromium page.

The script is the one shipped in the ``axe-playwright-python`` package (axe-core 4.12); we only
read its file and inject it through Selenium. ``run_axe`` answers the critical and serious
findings, each with the nodes it names, so a failing test says what to fix and where.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import axe_playwright_python

# WCAG 2.0/2.1 A and AA, and axe's best practices (landmarks, one h1, ...).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING = ("critical", "serious")

_RUN = """
const done = arguments[arguments.length - 1];
const where = arguments[1] ? document.querySelector(arguments[1]) : document;
const rules = Object.fromEntries(arguments[2].map((rule) => [rule, {enabled: false}]));
axe.run(where, {runOnly: {type: 'tag', values: arguments[0]}, rules, resultTypes: ['violations']})
  .then((result) => done(JSON.stringify(result.violations)))
  .catch((error) => done(JSON.stringify({error: String(error)})));
"""


@cache
def axe_script() -> str:
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


@dataclass(frozen=True)
class Finding:
    rule: str
    impact: str
    help: str
    nodes: tuple[str, ...]

    def __str__(self) -> str:
        shown = "\n      ".join(self.nodes[:5])
        more = f" (+{len(self.nodes) - 5} more)" if len(self.nodes) > 5 else ""
        return f"{self.impact} {self.rule}: {self.help}{more}\n      {shown}"


def run_axe(  # type: ignore[no-untyped-def]
    driver, within: str | None = None, skip: tuple[str, ...] = ()
) -> list[Finding]:
    """Every finding of axe on the page as it is now (or on the element ``within`` selects:
    an open dialog, whose backdrop would otherwise dim everything behind it), worst first;
    ``skip`` names rules not to run."""
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(axe_script())
    driver.set_script_timeout(60)
    answer = json.loads(driver.execute_async_script(_RUN, TAGS, within, list(skip)))
    if isinstance(answer, dict):
        raise AssertionError(f"axe failed to run: {answer['error']}")
    findings = [
        Finding(
            rule=violation["id"],
            impact=violation["impact"] or "minor",
            help=violation["help"],
            nodes=tuple(
                f"{node['target']} {node['html'][:160]}"
                f" — {' '.join(node.get('failureSummary', '').split())[:240]}"
                for node in violation["nodes"]
            ),
        )
        for violation in answer
    ]
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    return sorted(findings, key=lambda f: order.get(f.impact, 4))


def failing(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.impact in FAILING]
