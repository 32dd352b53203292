"""The argument parser, with every help text from the catalogue."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from giangvien import __version__
from giangvien.cli.conflicts import add_parser as add_conflicts
from giangvien.cli.history import add_parser as add_history
from giangvien.cli.minutes import add_parser as add_minutes
from giangvien.cli.plan import add_parser as add_plan
from giangvien.cli.report import add_parser as add_report
from giangvien.cli.sync import add_parser as add_sync
from giangvien.i18n import LANGUAGES, tr

LIST_KINDS = (
    "lecturers", "observations", "trials", "meetings", "sessions", "classes", "conferences",
)  # fmt: skip


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse's own usage dump reads like a traceback to a non-programmer.
        print(tr("cli.usage_error", detail=message, prog=self.prog), file=sys.stderr)
        raise SystemExit(2)


def _common() -> Parser:
    # SUPPRESS lets `giangvien --db X ls` and `giangvien ls --db X` both work
    # without the subcommand's default erasing the value given before it.
    common = Parser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=tr("cli.help_db"))
    common.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=tr("cli.help_lang")
    )
    return common


def build_parser() -> Parser:
    common = _common()
    parser = Parser(prog="giangvien", description=tr("cli.description"), parents=[common])
    parser.add_argument("--version", action="version", version=f"giangvien {__version__}")
    parser.add_argument("--demo", action="store_true", help=tr("cli.help_demo_flag"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str) -> argparse.ArgumentParser:
        help_text = tr(f"cli.help_{name}")
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    demo = command("demo")
    demo.add_argument("--lecturers", type=int, default=6, help=tr("cli.help_lecturers"))
    demo.add_argument("--years", type=int, default=2, help=tr("cli.help_years"))
    demo.add_argument("--seed", type=int, default=1, help=tr("cli.help_seed"))
    demo.add_argument("--force", action="store_true", help=tr("cli.help_force_demo"))

    ls = command("ls")
    ls.add_argument("kind", choices=LIST_KINDS, help=tr("cli.help_kind"))
    ls.add_argument("--json", action="store_true", help=tr("cli.help_json"))
    ls.add_argument("--all", action="store_true", help=tr("cli.help_all"))

    command("check")

    export = command("export")
    export.add_argument("--out", type=Path, required=True, help=tr("cli.help_out"))
    export.add_argument("--force", action="store_true", help=tr("cli.help_force"))

    imp = command("import")
    imp.add_argument("file", type=Path, help=tr("cli.help_import_file"))

    rubric = command("rubric")
    rubric_sub = rubric.add_subparsers(
        dest="rubric_command", metavar="show|set", required=True, parser_class=Parser
    )
    rubric_sub.add_parser("show", help=tr("cli.help_rubric_show"), parents=[common])
    rubric_set = rubric_sub.add_parser("set", help=tr("cli.help_rubric_set"), parents=[common])
    rubric_set.add_argument("file", type=Path, help=tr("cli.help_rubric_file"))

    backup = command("backup")
    backup.add_argument("--out", type=Path, help=tr("cli.help_backup_out"))

    add_conflicts(sub, common)
    add_sync(sub, common)
    add_history(sub, common)
    add_minutes(sub, common)
    add_report(sub, common)
    add_plan(sub, common)
    return parser
