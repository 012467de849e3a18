"""Rapport: composition root and command line.

``python main.py`` opens the window; the other commands run headless and never import Qt.
User errors print one line on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("rapport")


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why in one line."""


def _notebook_path(args: argparse.Namespace) -> Path:
    from storage.paths import default_notebook

    return Path(args.notebook).expanduser() if args.notebook else default_notebook()


def _open(args: argparse.Namespace, must_exist: bool = True, read_only: bool = False):
    from storage.db import open_notebook

    path = _notebook_path(args)
    if must_exist and not path.exists():
        raise UserError(f"There is no notebook at {path}.")
    return open_notebook(path, read_only=read_only)


# --- commands ----------------------------------------------------------------------------

def cmd_window(args: argparse.Namespace) -> int:
    from ui.app import run_app

    return run_app(_notebook_path(args), explicit=bool(args.notebook))


def cmd_demo(args: argparse.Namespace) -> int:
    raise UserError("demo is not available yet.")


def cmd_import(args: argparse.Namespace) -> int:
    raise UserError("import is not available yet.")


def cmd_export(args: argparse.Namespace) -> int:
    raise UserError("export is not available yet.")


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rapport", description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", metavar="FILE", help="the notebook file to use")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="create a sample notebook")
    demo.add_argument("file", metavar="FILE")
    imp = sub.add_parser("import", help="import .vcf, .csv or .json files; prints a report")
    imp.add_argument("files", metavar="FILE", nargs="+")
    exp = sub.add_parser("export", help="export to FILE; the format follows the extension")
    exp.add_argument("file", metavar="FILE")
    for p in sub.choices.values():
        p.add_argument("--notebook", metavar="FILE", default=argparse.SUPPRESS,
                       help="the notebook file to use")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from storage.db import NotebookError

    handler = COMMANDS.get(args.command, cmd_window)
    try:
        return handler(args)
    except (UserError, NotebookError) as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"rapport: {exc.strerror or exc} ({exc.filename or ''})".rstrip(" ()"),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        from storage.db import close_notebook

        close_notebook()


if __name__ == "__main__":
    sys.exit(main())
