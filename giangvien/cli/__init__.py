"""The command line: the composition root that wires store/ and screens/ together.

Nothing here imports Textual at module level, so that scripted commands
(``ls``, ``check``, ``report``, ``minutes``) start fast and run headless.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from giangvien.cli.parser import build_parser
from giangvien.i18n import set_language, tr


def _language_from(argv: Sequence[str]) -> str:
    # The language must be known before the parser is built: its help is translated.
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("GIANGVIEN_LANG", "vi")


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    lang = _language_from(args_in)
    set_language(lang if lang in ("vi", "en") else "vi")
    parser = build_parser()
    args = parser.parse_args(args_in)
    from giangvien.cli.run import dispatch

    return dispatch(args, parser)


def fail(message: str, code: int = 2) -> int:
    """One clear sentence on stderr; never a traceback."""
    print(message, file=sys.stderr)
    return code


__all__ = ["fail", "main", "tr"]
