"""`giangvien sync`: one round through the shared folder, said in words."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from giangvien.i18n import tr


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """The ``sync`` subcommand, on the subparsers of ``giangvien``."""
    text = tr("sync.help")
    sync = sub.add_parser("sync", help=text, description=text, parents=[common])
    where = sync.add_mutually_exclusive_group()
    where.add_argument("--folder", type=Path, metavar="DIR", help=tr("sync.help_folder"))
    where.add_argument("--stop", action="store_true", help=tr("sync.help_stop"))


def cmd_sync(args: argparse.Namespace) -> int:
    from giangvien import __version__
    from giangvien.cli.run import open_repo
    from store.sync import set_shared_folder, shared_folder, sync_round

    # A new laptop may start here: its first round joins the Center of the folder.
    repo = open_repo(args, write=True, create=args.folder is not None)
    try:
        if args.stop:
            set_shared_folder(repo, None)
            print(tr("sync.folder_cleared"))
            return 0
        folder = args.folder or shared_folder(repo)
        if folder is None:
            raise ValueError(tr("sync.no_folder_set"))
        if args.folder is not None:
            set_shared_folder(repo, folder)
            print(tr("sync.folder_set", folder=shared_folder(repo)))
        for line in sync_round(repo, folder, __version__).lines():
            print(line)
    finally:
        repo.close()
    return 0
