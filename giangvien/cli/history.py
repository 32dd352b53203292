"""`giangvien history RECORD`: who changed a record, when, and what."""

from __future__ import annotations

import argparse
from typing import Any

from giangvien.i18n import tr


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    text = tr("history.help")
    history = sub.add_parser("history", help=text, description=text, parents=[common])
    history.add_argument("record", metavar="RECORD", help=tr("history.help_record"))


def cmd_history(args: argparse.Namespace) -> int:
    from giangvien.cli.run import open_repo
    from giangvien.history_lines import history_lines
    from store.exchange import describe
    from store.repository import ALL_TABLES, dump

    repo = open_repo(args, write=False)
    try:
        given = args.record.strip().lower()
        found = [
            (name, record)
            for name, model in ALL_TABLES.items()
            if name != "history"
            for record in repo.all(model, include_deleted=True)
            if given and record.id.startswith(given)
        ]
        if len(found) != 1:
            raise ValueError(tr("history.ambiguous" if found else "history.not_found", id=given))
        name, record = found[0]
        names = repo.lecturer_names()
        print(tr("history.title", what=describe(name, record.id, dump(record), names)))
        for line in history_lines(record.created_at, repo.history(record.id), names):
            print(line)
    finally:
        repo.close()
    return 0
