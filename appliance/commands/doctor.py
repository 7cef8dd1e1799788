"""``tiketnitsa doctor``: check the installation, say what to fix, exit 1 when something is."""

from __future__ import annotations

import argparse

from appliance.commands.common import add_data_dir, cli_language, data_dir_of
from appliance.i18n import t
from appliance.services import doctor
from appliance.services.actor import Actor

EXIT_PROBLEMS = 1
MARKS = {doctor.OK: "ok", doctor.WARN: "!!", doctor.FAIL: "XX", doctor.UNKNOWN: "??"}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser(
        "doctor", help="check permissions, disk, certificate, backups, clocks and the service"
    )
    add_data_dir(parser)
    parser.set_defaults(handler=run)


def render(findings: list[doctor.Finding], lang: str) -> list[str]:
    lines = []
    for finding in findings:
        values = dict(finding.values)
        if finding.error is not None:
            values["reason"] = t(finding.error.key, lang, **finding.error.values)
        mark = MARKS[finding.status]
        lines.append(
            f"[{mark}] {t(f'doctor.check.{finding.check}', lang)}: {t(finding.key, lang, **values)}"
        )
        if finding.fix_key:
            lines.append(
                f"     {t('doctor.fix', lang)} {t(finding.fix_key, lang, **finding.fix_values)}"
            )
    return lines


def run(args: argparse.Namespace) -> int:
    lang = cli_language(args)
    findings = doctor.diagnose(data_dir_of(args), actor=Actor.cli())
    for line in render(findings, lang):
        print(line)
    if doctor.has_problems(findings):
        print(t("doctor.summary_problems", lang))
        return EXIT_PROBLEMS
    print(t("doctor.summary_ok", lang))
    return 0
