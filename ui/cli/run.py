"""The command line's entry: the parser, which command runs, and how a failure is told (one
line on stderr; exit 1 for what the owner can mend, 2 for a bug, whose details go to a log)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import Any

from ui.cli.common import UserError, notebook_path
from ui.cli.notebook import cmd_backup, cmd_check, cmd_demo, cmd_erase, cmd_export, cmd_import
from ui.cli.outreach import cmd_agenda, cmd_insights, cmd_search, cmd_today, cmd_write_emails
from ui.cli.printing import cmd_formats, cmd_print_cards, cmd_print_labels

DESCRIPTION = "Rapport: composition root and command line."


def cmd_window(args: argparse.Namespace) -> int:
    from ui.app import run_app

    return run_app(notebook_path(args), explicit=bool(args.notebook))


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "erase": cmd_erase,
    "backup": cmd_backup,
    "check": cmd_check,
    "demo": cmd_demo,
    "today": cmd_today,
    "search": cmd_search,
    "import": cmd_import,
    "export": cmd_export,
    "formats": cmd_formats,
    "print-cards": cmd_print_cards,
    "print-labels": cmd_print_labels,
    "agenda": cmd_agenda,
    "insights": cmd_insights,
    "write-emails": cmd_write_emails,
}


def _log_crash(command: str | None) -> str:
    """Write the current traceback to the private log; say where (or why it could not be)."""
    from storage import logs

    try:
        return f"details are in {logs.write_crash(command)}"
    except OSError as exc:  # no data folder to write in: the one line must still be printed
        return f"its details could not be logged ({exc.strerror or exc})"


PRINTER_HELP = ("With --printer, each job is set to its own paper size (full page, duplex "
                "on the right edge for folded cards) or refused when the printer cannot take "
                "it. --manual-duplex, for a printer that cannot print both sides of card "
                "stock: the fronts print, the command waits for Enter while you turn the "
                "stack over and feed it again, then the backs print.")


def _printer_options(parser: argparse.ArgumentParser, two_sided: bool = False) -> None:
    parser.add_argument("out", metavar="OUT.pdf", nargs="?", help="the PDF file to write")
    parser.add_argument("--printer", metavar="NAME", nargs="?", const="",
                        help="print on the printer NAME instead (no NAME: the default one)")
    if two_sided:
        parser.add_argument("--manual-duplex", action="store_true",
                            help="two-sided cards one side at a time: fronts, Enter, backs")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rapport", description=DESCRIPTION)
    parser.add_argument("--notebook", metavar="FILE", help="the notebook file to use")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="create a sample notebook")
    demo.add_argument("file", metavar="FILE")
    imp = sub.add_parser("import", help="import .vcf, .csv or .json files; prints a report")
    imp.add_argument("files", metavar="FILE", nargs="+")
    exp = sub.add_parser("export", help="export to FILE; the format follows the extension")
    exp.add_argument("file", metavar="FILE")
    exp.add_argument("--vcard-version", choices=("3.0", "4.0"),
                     help="for .vcf: 3.0 (the default, read by every address book) or 4.0")
    sub.add_parser("backup", help="copy the notebook now (verified); prints the copy's path")
    chk = sub.add_parser("check", help="check the notebook; prints ok or what is wrong")
    chk.add_argument("--repair", action="store_true",
                     help="rebuild damaged indexes first (after a copy); tables are never "
                          "repaired, only restored from a backup")
    today = sub.add_parser("today", help="who to thank, celebrate or call back, and why")
    today.add_argument("--date", metavar="YYYY-MM-DD", help="plan for this day (default: today)")
    today.add_argument("--json", action="store_true", help="print a JSON list of suggestions")
    search = sub.add_parser("search", help="find customers by name, phone (any writing), "
                            "email, street, city, notes or details")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print a JSON list of customers")
    sub.add_parser("formats", help="list card, envelope and label formats")
    pc = sub.add_parser("print-cards", help="print the day's posted cards to a PDF or a "
                        "printer", epilog=PRINTER_HELP)
    _printer_options(pc, two_sided=True)
    pc.add_argument("--date", metavar="YYYY-MM-DD", help="the Today queue of this day")
    pc.add_argument("--format", metavar="NAME", help="card format (see: formats)")
    pc.add_argument("--envelopes", metavar="ENV.pdf", nargs="?", const="",
                    help="also print their envelopes (to ENV.pdf; with --printer, to the "
                    "printer when no file is named)")
    pc.add_argument("--envelope-format", metavar="NAME", help="envelope format")
    pc.add_argument("--mark-printed", action="store_true",
                    help="mark the cards printed and log a card touch for each customer")
    pl = sub.add_parser("print-labels", help="print address labels to a PDF or a printer",
                        epilog=PRINTER_HELP)
    _printer_options(pl)
    pl.add_argument("--format", metavar="NAME", help="label format (see: formats)")
    whose = pl.add_mutually_exclusive_group()
    whose.add_argument("--queued", action="store_true", help="only for the queued cards")
    whose.add_argument("--tag", metavar="NAME", help="only for the customers with this tag")
    pl.add_argument("--start", metavar="N", default="1",
                    help="the first free label of a part-used sheet (1 = top left, "
                         "numbered row by row)")
    for p in (pc, pl):
        p.add_argument("--skip-unprintable", action="store_true",
                       help="leave out characters no bundled font has (else: stop and "
                            "name them)")
    ag = sub.add_parser("agenda", help="the week's calls, visits, cards and promises due, "
                        "with numbers and talking points, as a PDF (A4 or Letter)")
    ag.add_argument("out", metavar="OUT.pdf", help="the PDF file to write")
    ag.add_argument("--date", metavar="YYYY-MM-DD", help="the week's first day (default: today)")
    ins = sub.add_parser("insights", help="the 12 months up to the day in figures: touches per "
                         "month, thank-you coverage, lifetime value, drifting, referrals, "
                         "sources")
    ins.add_argument("--date", metavar="YYYY-MM-DD", help="the last day (default: today)")
    ins.add_argument("--json", action="store_true", help="print one JSON object")
    we = sub.add_parser("write-emails", help="write an .eml draft for each email suggestion "
                        "of the day into DIR, ready to send")
    we.add_argument("dir", metavar="DIR", help="the folder to write the drafts in")
    we.add_argument("--date", metavar="YYYY-MM-DD", help="the Today queue of this day")
    er = sub.add_parser("erase", help="erase one customer completely, as the window does")
    er.add_argument("customer_id", metavar="CUSTOMER_ID")
    er.add_argument("--yes", action="store_true",
                    help="really erase (without it: print what would go, exit 1)")
    for p in sub.choices.values():
        p.add_argument("--notebook", metavar="FILE", default=argparse.SUPPRESS,
                       help="the notebook file to use")
    return parser


class _Printable:
    """A terminal stream that shows control characters as � (names come from others' files)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from domain.text import printable

        return self._stream.write(printable(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _printable_streams() -> tuple[Any, Any]:
    """Wrap stdout and stderr for a headless command; return the streams to put back."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(sys.stdout), _Printable(sys.stderr)
    return streams


def _bug(exc: BaseException, command: str | None) -> int:
    """A bug, not bad input: one line on stderr, the details in the log; exit status 2."""
    print(f"rapport: something went wrong ({type(exc).__name__}: {exc}); "
          f"{_log_crash(command)}", file=sys.stderr)
    return 2


def _damage_or_bug(exc: BaseException, command: str | None) -> int:
    """A failure no rule expected: damage to the notebook's values when ``check`` finds any
    (a date that is not a date, from a flipped bit or another program's edit, which SQLite's
    own checks pass), said as such with what to do (exit 1); else a bug (:func:`_bug`)."""
    from storage.check import damage_found

    damage = damage_found()
    if damage is None:
        return _bug(exc, command)
    print(f"rapport: {damage}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = COMMANDS.get(args.command, cmd_window)
    streams = _printable_streams() if handler is not cmd_window else None
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from storage.db import NotebookError

    try:
        return handler(args)
    except (UserError, NotebookError) as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `rapport today | head`: the reader left; that is not an error worth a message.
        sys.stdout = None
        return 0
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"rapport: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not bad input: one line here, the details in a log
        from storage.db import translate_error

        said = translate_error(exc)  # SQLite's, met while reading rows: a flip, a full disk…
        if isinstance(said, NotebookError):
            print(f"rapport: {said}", file=sys.stderr)
            return 1
        return _damage_or_bug(exc, args.command)
    finally:
        from storage.db import close_notebook

        close_notebook()
        if streams is not None and isinstance(sys.stdout, _Printable):
            sys.stdout, sys.stderr = streams
