"""`giangvien conflicts`: the versions that lost a merge, and restoring one."""

from __future__ import annotations

import argparse
from typing import Any

from giangvien.i18n import tr


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``conflicts`` subcommand, on the subparsers of ``giangvien``."""
    text = tr("exchange.help_conflicts")
    conflicts = sub.add_parser("conflicts", help=text, description=text, parents=[common])
    conflicts.add_argument(
        "--restore", metavar="ID", default=None, help=tr("exchange.help_conflicts_restore")
    )


def cmd_conflicts(args: argparse.Namespace) -> int:
    from giangvien.cli.listing import table
    from giangvien.cli.run import open_repo
    from store.exchange import describe, when
    from store.repository import dump

    repo = open_repo(args, write=args.restore is not None)
    try:
        names = repo.lecturer_names()
        if args.restore is not None:
            conflict = repo.find_conflict(args.restore)
            restored = repo.restore_conflict(conflict.id)
            what = describe(conflict.table, conflict.record_id, dump(restored), names)
            print(tr("exchange.restored", what=what, edited=when(conflict.version)))
            return 0
        found = repo.conflicts()
        if not found:
            print(tr("exchange.no_conflicts"))
            return 0
        rows = []
        for conflict in found:
            laptop = conflict.lost_laptop
            where = tr("exchange.this_laptop") if laptop == repo.laptop_id else laptop[:8]
            who = names.get(str(conflict.version.get("edited_by") or ""), "")
            state = (
                tr("exchange.state_deletion") if conflict.deletion else tr("exchange.state_edit")
            )
            rows.append(
                [
                    conflict.id[:8],
                    describe(conflict.table, conflict.record_id, conflict.version, names),
                    state,
                    when(conflict.version),
                    where,
                    who,
                ]
            )
        headers = [
            tr("exchange.col_id"),
            tr("exchange.col_record"),
            tr("exchange.col_version"),
            tr("exchange.col_edited"),
            tr("exchange.col_laptop"),
            tr("exchange.col_by"),
        ]
        print(tr("exchange.conflicts_title", count=len(found)))
        print(table(headers, rows))
        print(tr("exchange.conflicts_hint"))
    finally:
        repo.close()
    return 0
