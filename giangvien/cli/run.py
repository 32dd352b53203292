"""What each command does. Store access starts here, and only here in giangvien/."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from giangvien import __version__
from giangvien.cli.conflicts import cmd_conflicts
from giangvien.cli.history import cmd_history
from giangvien.cli.minutes import cmd_minutes
from giangvien.cli.plan import cmd_plan
from giangvien.cli.report import cmd_report
from giangvien.cli.sync import cmd_sync
from giangvien.i18n import tr
from giangvien.problems import Invalid, Problem

KIND_TABLES = {"lecturers", "observations", "trials", "meetings", "sessions"}


def default_db() -> Path:
    env = os.environ.get("GIANGVIEN_DB")
    if env:
        return Path(env).expanduser()
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "giangvien" / "giangvien.json"


def db_path(args: argparse.Namespace) -> Path:
    given = getattr(args, "db", None)
    return Path(given).expanduser() if given else default_db()


def dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.errors import StoreError

    handlers = {
        "demo": cmd_demo,
        "ls": cmd_ls,
        "check": cmd_check,
        "export": cmd_export,
        "import": cmd_import,
        "rubric": cmd_rubric,
        "backup": cmd_backup,
        "minutes": cmd_minutes,
        "report": cmd_report,
        "plan": cmd_plan,
        "conflicts": cmd_conflicts,
        "sync": cmd_sync,
        "history": cmd_history,
    }
    try:
        if args.command is None:
            return run_app(args)
        return handlers[args.command](args)
    except Invalid as error:
        for problem in error.problems:
            print(_problem_line(problem), file=sys.stderr)
        return 2
    except (StoreError, ValueError) as error:
        print(str(error), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `giangvien ls observations | head`: the reader left; that is no error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        print(
            tr("cli.os_error", file=error.filename or "", reason=error.strerror or error),
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: still one sentence, never a traceback
        if os.environ.get("GIANGVIEN_DEBUG"):
            raise
        print(tr("cli.unexpected", kind=type(error).__name__, detail=error), file=sys.stderr)
        return 2


def _problem_line(problem: Problem) -> str:
    return problem.line()


def open_repo(args: argparse.Namespace, *, write: bool, create: bool = False) -> Any:
    from store.datafile import open_datafile
    from store.repository import Repository

    path = db_path(args)
    if not create and not path.exists():
        raise ValueError(tr("cli.no_file", path=path))
    repo = Repository(open_datafile(path, read_only=not write, app_version=__version__))
    if write and repo.read_only:
        reason = repo.read_only_reason
        repo.close()
        raise ValueError(reason)
    return repo


def _write_new(path: Path, text: str, force: bool, data: Path) -> None:
    from store.guard import refuse_protected, write_document

    refuse_protected(path, data)
    if path.exists() and not force:
        raise ValueError(tr("cli.exists", path=path))
    write_document(path, text, data=data)


# -- commands ---------------------------------------------------------------


def run_app(args: argparse.Namespace) -> int:
    """The TUI, on the data file or, with --demo, on a fresh copy of the sample data."""
    if args.demo:
        return _run_demo_app(args)
    from store.datafile import open_datafile
    from store.repository import Repository

    # A file locked by another instance, or written by a newer version, opens
    # read-only: the app says why in its banner instead of refusing to start.
    return _run(Repository(open_datafile(db_path(args), app_version=__version__)))


def _run(repo: Any) -> int:
    from screens.app import GiangvienApp

    try:
        GiangvienApp(repo).run()
    finally:
        repo.close()
        leave_quickly()
    return 0


def leave_quickly() -> None:
    """Spare the process its last garbage collection, once the app is done.

    Everything is saved and the data file closed (its lock let go) by now.
    At exit Python collects the whole heap of the app's screens and widgets,
    none of it garbage that matters: ~0.2 s between Ctrl+Q and the shell's
    prompt (docs/benchmarks.md). Frozen objects are left to the end of the
    process instead; files are flushed and closed by the interpreter as usual.
    """
    import gc

    gc.freeze()


def _run_demo_app(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from giangvien.demo import generate
    from giangvien.models import Lecturer, Position

    folder = Path(tempfile.mkdtemp(prefix="giangvien-demo-"))
    try:
        args.db = folder / "giangvien-demo.json"
        repo = open_repo(args, write=True, create=True)
        records = generate()
        repo.save_many(records, history=True)
        # The demo opens as the director, so the review queue can be signed at once.
        director = next(
            r for r in records if isinstance(r, Lecturer) and r.position is Position.DIRECTOR
        )
        repo.set_current_user(director.id)
        return _run(repo)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from giangvien.demo import generate

    if args.lecturers < 2 or args.years < 1:
        raise ValueError(tr("cli.demo_size"))
    from store.backup import backup_now
    from store.datafile import new_document

    path = db_path(args)
    if path.exists() and path.stat().st_size > 0 and not args.force:
        raise ValueError(tr("cli.demo_exists", path=path))
    # Replacing an existing file happens under its write lock (a file another
    # window holds is refused with that sentence) and after a backup of it.
    replacing = path.exists() and path.stat().st_size > 0
    repo = open_repo(args, write=True, create=True)
    try:
        if replacing:
            saved = backup_now(repo.datafile.path)
            print(tr("cli.demo_backup", path=saved))
            repo.datafile.write_raw(new_document(__version__))
        records = generate(lecturers=args.lecturers, years=args.years, seed=args.seed)
        repo.save_many(records, history=True)
    finally:
        repo.close()
    print(tr("cli.demo_done", path=path, count=len(records)))
    return 0


def cmd_ls(args: argparse.Namespace) -> int:
    from giangvien.cli.listing import Lister, table
    from giangvien.models import TABLES
    from giangvien.vntext import json_inert
    from store.repository import dump

    repo = open_repo(args, write=False)
    try:
        model = TABLES[args.kind]
        if args.kind == "lecturers":
            records: list[Any] = repo.lecturers(include_archived=args.all)
        else:
            records = repo.all(model)
        lister = Lister(repo.lecturer_names(), repo.rubric)
        records = lister.sort(records)
        if args.json:
            text = json.dumps([dump(r) for r in records], ensure_ascii=False, indent=2)
            print(json_inert(text))
            return 0
        if not records:
            print(tr("cli.empty"))
            return 0
        headers, rows = lister.rows(records)
        print(table(headers, rows))
    finally:
        repo.close()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from store.errors import CorruptFileError, NewerSchemaError

    try:
        repo = open_repo(args, write=False)
    except (CorruptFileError, NewerSchemaError) as error:
        print(str(error))
        return 1
    try:
        found = repo.check()
        if isinstance(repo.datafile.read_only_cause, NewerSchemaError):
            found.insert(0, Problem("", repo.read_only_reason))
    finally:
        repo.close()
    for problem in found:
        print(_problem_line(problem))
    if not found:
        print(tr("cli.check_ok", path=db_path(args)))
    return 1 if found else 0


def cmd_export(args: argparse.Namespace) -> int:
    from store.exchange import export_of
    from store.guard import refuse_protected

    refuse_protected(args.out, db_path(args))
    repo = open_repo(args, write=False)
    try:
        document = export_of(repo, __version__)
    finally:
        repo.close()
    _write_new(
        args.out, json.dumps(document, ensure_ascii=False, indent=1), args.force, db_path(args)
    )
    count = sum(len(v) for k, v in document["tables"].items() if k != "conflicts")
    print(tr("cli.export_done", path=args.out, count=count))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from giangvien.cli.importing import import_file

    repo = open_repo(args, write=True, create=True)
    try:
        return import_file(repo, args.file)
    finally:
        repo.close()


def cmd_rubric(args: argparse.Namespace) -> int:
    from giangvien.rubric import read_rubric_file

    if args.rubric_command == "show":
        repo = open_repo(args, write=False, create=False) if db_path(args).exists() else None
        try:
            from giangvien.rubric import default_rubric

            rubric = repo.active_rubric() if repo else default_rubric()
        finally:
            if repo:
                repo.close()
        print(rubric.describe())
        return 0
    data = read_rubric_file(args.file)
    repo = open_repo(args, write=True, create=True)
    try:
        rubric = repo.install_rubric(data)
    finally:
        repo.close()
    print(tr("cli.rubric_installed", name=rubric.name, version=rubric.version))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from store.backup import backup_now
    from store.guard import refuse_protected

    path = db_path(args)
    if not path.exists():
        raise ValueError(tr("cli.no_file", path=path))
    if args.out is not None:
        refuse_protected(args.out, path)
    # Opening first proves the file parses: a backup of a broken file is no backup.
    repo = open_repo(args, write=False)
    repo.close()
    out = backup_now(path, args.out)
    print(tr("cli.backup_done", path=out))
    return 0
