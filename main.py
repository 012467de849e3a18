"""Rapport: composition root and command line.

``python main.py`` opens the window; the other commands run headless and never import Qt.
User errors print one line on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("rapport")


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why in one line."""


def _notebook_path(args: argparse.Namespace) -> Path:
    from storage.paths import default_notebook

    return Path(args.notebook).expanduser() if args.notebook else default_notebook()


def _check_ahead(args: argparse.Namespace) -> None:
    """Start SQLite's quick check of the notebook on a thread (storage.check_ahead, as the
    window does): it reads the whole file with the GIL let go while the command imports what
    it needs, and the open then waits for its verdict instead of checking again."""
    from storage import check_ahead

    check_ahead.start(_notebook_path(args))


def _open(args: argparse.Namespace, must_exist: bool = True, read_only: bool = False):
    from storage.db import open_notebook

    path = _notebook_path(args)
    if must_exist and not path.exists():
        raise UserError(f"There is no notebook at {path}.")
    info = open_notebook(path, read_only=read_only)
    if info.hides_changes:  # what this command reads or copies lacks them: say so
        print(f"rapport: warning: {info.reason}", file=sys.stderr)
    return info


# --- commands ----------------------------------------------------------------------------

def cmd_window(args: argparse.Namespace) -> int:
    from ui.app import run_app

    return run_app(_notebook_path(args), explicit=bool(args.notebook))


def cmd_demo(args: argparse.Namespace) -> int:
    """Create a sample notebook at FILE; never over an existing one."""
    from datetime import date

    from domain import demo
    from storage import bulk
    from storage.db import open_notebook

    path = Path(args.file).expanduser()
    if path.is_dir() or (path.exists() and path.stat().st_size > 0):
        raise UserError(f"{path} already exists; choose a new file for the demo notebook.")
    open_notebook(path)
    today = date.today()  # the composition root reads the clock; domain/demo never does
    result = bulk.write_all(bulk.NotebookContent(
        demo.build_demo(today), demo.demo_templates(), demo.demo_cards(today),
        demo.demo_settings(), demo.demo_tag_settings()))
    print(f"Created the demo notebook {path} with {result.customers} customers.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import each FILE into the notebook and print what each import did. Exit 1 when a
    file, card or row could not be imported (the rest still is); lines left out of a card
    that came in are listed, but the exit stays 0: the customer is there."""
    from exports.registry import importer_for

    paths = [Path(name).expanduser() for name in args.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise UserError(f"There is no file {', '.join(missing)}; nothing was imported.")
    try:
        importers = [importer_for(p) for p in paths]  # every file checked before any import
    except ValueError as exc:
        raise UserError(f"{exc} Nothing was imported.") from None
    info = _open(args, must_exist=False)
    if info.read_only:
        raise UserError(f"Nothing was imported. {info.reason}")
    from storage import bulk, imports
    from storage.db import NotebookError

    if bulk.customer_count():  # as the window: a verified copy first, outside the import
        try:
            copy = imports.backup_before_import()
        except NotebookError as exc:  # a full disk, a damaged notebook: say nothing came in
            raise UserError(f"Nothing was imported: {exc}") from None
        print(f"Backed up the notebook first to {copy}")
    failed = 0
    for path, importer in zip(paths, importers, strict=True):
        try:
            report = importer(path)
            if report.fatal:  # nothing in it could be read (not a vCard, no header row…)
                raise ValueError(report.fatal)
        except ValueError as exc:  # a bad file: its importer wrote nothing
            print(f"rapport: {path.name}: {exc} (nothing was imported from this file)",
                  file=sys.stderr)
            failed += 1
            continue
        print(report.summary())
        for problem in report.problems:
            print(f"  {problem}")
        if report.skipped:  # someone is missing: a script must see it (issue 15)
            print(f"rapport: {path.name}: {report.skipped} skipped (listed above); the other "
                  f"{report.added + report.merged} were imported", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the notebook to FILE, in the format its extension names."""
    from exports.registry import exporter_for

    path = Path(args.file).expanduser()
    try:
        exporter = exporter_for(path)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.vcard_version:
        if path.suffix.lower() != ".vcf":
            raise UserError("--vcard-version is only for .vcf files.")
        exporter = functools.partial(exporter, version=args.vcard_version)
    if not path.parent.is_dir():
        raise UserError(f"There is no folder {path.parent} to export into.")
    path = _output(path, path.suffix.lower(), args)  # never over a notebook or another kind
    _open(args, read_only=True)  # exporting works while the window has the notebook open
    try:
        count = exporter(path)
    except ValueError as exc:
        raise UserError(f"{path.name}: {exc}") from None
    print(f"Exported {count} customers to {path}.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Take a verified copy of the notebook now; print its path."""
    from storage import backups

    _open(args, read_only=True)  # a consistent copy needs no writer's lock
    print(backups.backup_now("manual"))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check the notebook without writing to it; print "ok" or each problem (exit 1).

    ``--repair`` first rebuilds damaged indexes (after a copy), as the window's Repair does.
    """
    from storage.check import check_file, repair_file

    path = _notebook_path(args)
    if getattr(args, "repair", False) and path.exists():
        copy = repair_file(path)
        if copy is not None:
            print(f"Repaired: the indexes of {path.name} were rebuilt; the copy taken before is "
                  f"{copy}.")
    findings = check_file(path)
    print("\n".join(findings) or "ok")
    return 1 if findings else 0


def cmd_today(args: argparse.Namespace) -> int:
    """Print the Today queue, grouped (or ``--json``: a list of objects). Reads, never writes."""
    from datetime import date, datetime

    from domain.dates import parse_iso_date
    from domain.outreach.report import json_text, plain_text, waiting_line
    from storage import collector, outreach

    try:
        day = date.today() if args.date is None else parse_iso_date(args.date)
    except ValueError:
        raise UserError(f"--date {args.date} is not a date (YYYY-MM-DD).") from None
    _open(args, read_only=True)  # the window may hold the writer's lock; reading needs none
    with collector.paused():  # a run that makes no cycles: the collector would only rescan
        settings = outreach.load_settings()
        # Without --date the clock gives the time of day too: a promise is late at its hour.
        now = datetime.now() if args.date is None else None
        plan = outreach.today_plan(day, settings, now, keep=False)  # asked once
    more = waiting_line(plan.waiting, settings.daily_capacity)
    if args.json:  # the JSON stays a bare list: the count of nudges held back goes to stderr
        print(json_text(plan.suggestions, day))
        if more:
            print(more, file=sys.stderr)
    else:
        print(plain_text(plan.suggestions, day) + (f"\n\n{more}" if more else ""))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Print the customers QUERY finds, each with what matched (or ``--json``: a list of
    objects). The window's search, the same rule; reads, never writes."""
    import json

    from storage import customer_search

    _open(args, read_only=True)  # the window may hold the writer's lock; reading needs none
    if not customer_search.match_expression(args.query, customer_search.region()):
        raise UserError(f"Nothing to search for in {args.query!r}: type a name, a number, "
                        "an email or a street.")
    hits = customer_search.search(args.query)
    if args.json:
        print(json.dumps([{"customer_id": h.customer_id, "customer": h.customer,
                           "matched": [{"field": f, "value": v} for f, v in h.matched]}
                          for h in hits], ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print(f"No customer matches {args.query!r}.")
    for h in hits:
        found = "; ".join(f"{f}: {v}" for f, v in h.matched)
        print(f"{h.customer} (#{h.customer_id})" + (f" — {found}" if found else ""))
    return 0


def cmd_formats(args: argparse.Namespace) -> int:
    """List the card, envelope and label formats (name, size, what it is)."""
    from exports import cards

    rows = cards.listing()
    for kind in ("card", "envelope", "label"):
        print(f"{kind.capitalize()}s:")
        for r in (r for r in rows if r["kind"] == kind):
            print(f"  {r['name']:<13} {r['inches']:<17} {r['mm']:<18} {r['description']}")
    return 0


def _print_format(name: str | None, kind: str):
    """The renderer class for ``name`` (default for ``kind``); a UserError lists the names."""
    from exports import cards

    try:
        return cards.get(name or cards.DEFAULT[kind], kind)
    except cards.UnknownFormat as exc:
        raise UserError(str(exc)) from None


def _print_day(text: str | None):
    from datetime import date

    from domain.dates import parse_iso_date

    if text is None:
        return date.today()
    try:
        day = parse_iso_date(text)
    except ValueError:
        raise UserError(f"--date {text} is not a date (YYYY-MM-DD).") from None
    if day.year >= 9999:  # the plan looks days ahead, past the last date Python knows
        raise UserError(f"--date {text} is too far ahead; choose a day before 9999.")
    return day


def _output(path: str | Path, suffix: str, args: argparse.Namespace) -> Path:
    """Where to write an output of kind ``suffix``: never over the notebook, its backups or
    working files, or a file of another kind (``exports.output_path``, as the window)."""
    from exports.output_path import output_path

    return output_path(path, suffix, _notebook_path(args))


def _pdf_target(path: str, args: argparse.Namespace) -> Path:
    """The PDF file ``path`` names (``.pdf`` added when missing), checked before any work."""
    target = Path(path).expanduser()
    if not target.parent.is_dir():
        raise UserError(f"The folder {target.parent} does not exist.")
    return _output(target, ".pdf", args)


def _write_pdf(target: Path, renderer, jobs) -> None:
    from exports.atomic import write_atomic

    write_atomic(target, renderer.render(jobs))  # checks the target again as it writes


def _refuse_unprintable(jobs, args: argparse.Namespace) -> None:
    """Stop before printing a character no bundled font draws, unless the owner said to
    leave such characters out (``--skip-unprintable``); the window asks the same."""
    from exports.cards.coverage import describe, unprintable

    found = [] if args.skip_unprintable else unprintable(jobs)
    if found:
        them = "it" if len(found) == 1 else "them"
        raise UserError(f"Nothing was printed: {describe(found)} Change the text, or leave "
                        f"{them} out with --skip-unprintable.")


def _same_file(a: Path, b: Path) -> bool:
    """Whether two output names are one file (the same path, or one file under two names)."""
    if a.resolve() == b.resolve():
        return True
    return a.exists() and b.exists() and a.samefile(b)


def _offsets_printer(args: argparse.Namespace, printer=None) -> str:
    """The printer whose stored offsets a PDF gets: the one ``--printer`` prints on (or
    names), else "" (the default offsets, as for a PDF to print anywhere)."""
    if printer is not None:
        return printer.name
    name = getattr(args, "printer", None)
    return name if isinstance(name, str) else ""


def _targets(args: argparse.Namespace, count: int) -> list[Path | None]:
    """Where the cards (and their envelopes: ``count`` 2) go: a checked PDF file, or None
    for the printer (``--printer``). Checked before any work."""
    if args.printer is None and not args.out:
        raise UserError("Nothing was printed: name a PDF file or --printer [NAME].")
    if args.printer is not None and args.out:
        raise UserError("Print to a PDF file or a printer, not both.")
    outs = [args.out, getattr(args, "envelopes", None)][:count]
    if count == 2 and not args.envelopes and args.printer is None:
        raise UserError("--envelopes: name the envelopes' PDF file (or print them with "
                        "--printer).")
    targets = [_pdf_target(p, args) if p else None for p in outs]
    if count == 2 and targets[0] and targets[1] and _same_file(targets[0], targets[1]):
        raise UserError("The cards and their envelopes cannot go to the same file; "
                        "name two files.")
    return targets


def _printer(args: argparse.Namespace, classes: list, targets: list[Path | None]):
    """The printer ``--printer`` names (Qt loads only here), checked for every job that goes
    to it: it exists and takes the paper (and both sides, or --manual-duplex)."""
    if args.printer is None:
        return None
    from ui.cards.printer_cli import CliPrinter
    from ui.cards.printer_setup import Paper

    printer = CliPrinter(args.printer, getattr(args, "manual_duplex", False))
    for cls, target in zip(classes, targets, strict=True):
        if target is None:
            printer.check(Paper.for_format(cls.name))
    return printer


def _send(target: Path | None, renderer, jobs, printer) -> str:
    """Write the PDF to ``target``, or print it on ``printer``; where it went, in words."""
    if target is not None:
        _write_pdf(target, renderer, jobs)
        return str(target)
    from ui.cards.printer_setup import Paper

    printer.send(renderer.render(jobs), Paper.for_format(renderer.name),
                 f"Rapport — {renderer.name}")
    return f"the printer {printer.name}"


def _load_printing(mark_printed: bool) -> None:
    """Import the drawing code (reportlab, HarfBuzz) and the serif face every batch uses, and
    what marking printed settles with, while the notebook's quick check runs: the open waits
    for its verdict anyway (at 50,000 customers some 0.2 s), so this costs no time there."""
    import importlib

    from exports.cards import fonts

    for name in ("exports.cards.pdf", "exports.cards.coverage",
                 *(("storage.answers",) if mark_printed else ())):
        importlib.import_module(name)
    fonts.face("serif")


def cmd_print_cards(args: argparse.Namespace) -> int:
    """One card for each posted-card suggestion of the day (and their envelopes).

    Python's cyclic collector runs less often meanwhile. A batch keeps its tens of thousands
    of objects (rows, customers, cards, the PDF's objects) until it ends and makes little
    cyclic garbage: at the default threshold (700 new objects) the collector walked them some
    350 times, twice whole, 0.1-0.2 s of a day's 2,068 cards at 50,000 customers. Every
    10,000 it finds the same garbage, later; the peak memory stays the same (92 MB there).
    The threshold is put back after: tests call main() inside pytest's process."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(10_000, 10, 10)
    try:
        return _print_cards(args)
    finally:
        gc.set_threshold(*before)


def _print_cards(args: argparse.Namespace) -> int:
    from exports import cards

    card_cls = _print_format(args.format, "card")
    env_cls = _print_format(args.envelope_format or cards.ENVELOPE_FOR.get(card_cls.name),
                            "envelope") if args.envelopes is not None else None
    day = _print_day(args.date)
    classes = [card_cls, env_cls] if env_cls is not None else [card_cls]
    targets = _targets(args, len(classes))  # before any work
    device = _printer(args, classes, targets)
    _check_ahead(args)  # the notebook's quick check runs while the printing code is imported
    _load_printing(args.mark_printed)
    from domain.outreach import posted
    from domain.templates import TemplateProblem
    from exports.cards import fit_report
    from exports.cards.jobs import job_for
    from exports.cards.offsets import offsets_for
    from storage import card_batch, outreach, templates

    info = _open(args)
    if info.read_only:  # printing queues the cards it prints
        raise UserError(f"Nothing was printed. {info.reason}")
    # the rule Today's "Print today's cards" uses, asked once
    mail = posted(outreach.today_queue(day, keep=False))
    if not mail:
        print(f"No posted cards are due on {day.isoformat()}; nothing printed.")
        return 0
    try:
        pairs = card_batch.cards_for_suggestions(mail, day, card_cls.name, whole=False)
    except TemplateProblem as exc:  # a template stored broken (or imported before checks)
        raise UserError(f"Nothing was printed: {exc}. Mend it on the Templates screen.") \
            from None
    sender, printer = templates.load_sender(), _offsets_printer(args, device)
    jobs = [job_for(card, person, sender) for card, person in pairs]
    _refuse_unprintable(jobs, args)
    for cls in (card_cls, env_cls):  # nothing is cut to fit: a card that does not, stops it
        if cls is not None and (refusal := fit_report.batch_refusal(jobs, cls.name)):
            raise UserError(refusal)
    went = [_send(t, cls(offsets_for(printer, cls.name)), jobs, device)
            for t, cls in zip(targets, classes, strict=True)]
    if args.mark_printed:
        templates.set_status([card.id for card, _ in pairs], "printed", day)
    print(f"Printed {len(jobs)} card{'s' if len(jobs) != 1 else ''} ({card_cls.name}) "
          f"to {went[0]}" + (f", envelopes ({env_cls.name}) to {went[1]}"
                             if env_cls else "") + ".")
    return 0


def cmd_agenda(args: argparse.Namespace) -> int:
    """The week's calls, visits, cards and promises due, as a PDF to carry (Today's rules)."""
    from exports import agenda

    day = _print_day(args.date)
    target = _pdf_target(args.out, args)  # before any work
    _open(args, read_only=True)  # reading only: the window may hold the writer's lock
    count = agenda.write(day, target)
    print(f"Wrote the agenda of the week from {day.isoformat()} ({count} "
          f"suggestion{'s' if count != 1 else ''}) to {target}.")
    return 0


def cmd_insights(args: argparse.Namespace) -> int:
    """The 12 months up to the day in figures (``--json``: one object). Reads, never writes."""
    from domain.insights import period_of
    from domain.insights_report import json_text, plain_text
    from storage import insights

    day = _print_day(args.date)
    try:
        period_of(day)
    except ValueError:  # its 12 months would begin before the year 1
        raise UserError(f"--date {args.date} is too far back; choose a day from "
                        "0001-12-01 on.") from None
    _open(args, read_only=True)  # the window may hold the writer's lock; reading needs none
    found = insights.insights(day)
    print(json_text(found) if args.json else plain_text(found))
    return 0


def cmd_print_labels(args: argparse.Namespace) -> int:
    """Address labels for every customer with a postal address (or the queued cards', or a
    tag's), from label ``--start`` of a part-used sheet; as the window's Labels dialog."""
    from exports.cards import fit_report
    from exports.cards.label_run import label_run, skipped_sentence
    from storage import mailing

    label_cls = _print_format(args.format, "label")
    start = _label_start(args.start, label_cls)
    (target,) = _targets(args, 1)  # before any work
    device = _printer(args, [label_cls], [target])
    _open(args, read_only=True)
    who = "queued" if args.queued else "tag" if args.tag is not None else "all"
    if who == "tag" and not any(n.casefold() == args.tag.strip().casefold()
                                for n, _count in mailing.tag_counts()):
        raise UserError(f"No customer is tagged “{args.tag}”; nothing printed.")
    run = label_run(mailing.LabelChoice(who, tag=args.tag or ""), label_cls.name, start,
                    _offsets_printer(args, device))
    if run.skipped:
        print(skipped_sentence(run.skipped))
    if not run.jobs:
        print("No customer has a postal address to print; nothing printed.")
        return 0
    _refuse_unprintable(run.jobs, args)
    if refusal := fit_report.batch_refusal(run.jobs, label_cls.name):  # never cut to fit
        raise UserError(refusal)
    went = _send(target, run.sheet, run.jobs, device)
    count = len(run.jobs)
    print(f"Printed {count} label{'s' if count != 1 else ''} ({label_cls.name}) "
          + (f"from label {start} " if start > 1 else "") + f"to {went}.")
    return 0


def _label_start(text: str, label_cls) -> int:
    """The label number ``--start`` names, checked against the sheet (a UserError if not)."""
    number = text.strip()
    if not (number.isascii() and number.isdigit()):  # "²" is a digit to isdigit() alone
        raise UserError(f"--start {text} is not a label number; the labels of the "
                        f"{label_cls.name} sheet are numbered 1 to {label_cls.per_sheet()}.")
    try:
        return label_cls.check_start(int(number))
    except ValueError as exc:
        raise UserError(f"--start {text}: {exc}.") from None


ERASE_READER_WAIT = 10.0  # seconds `erase` waits for another program to stop reading


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase one customer completely, through the window's storage functions; without
    ``--yes``, print what would go and exit 1 having changed nothing."""
    import time

    from storage import erase_pending
    from storage.customers import NotFound
    from storage.db import ensure_intact
    from storage.erase import erase_customer, erase_from_backups, erase_preview

    # ASCII digits only: "²" passes isdigit() and int() refuses it; "１" would name customer 1.
    if not (args.customer_id.isascii() and args.customer_id.isdigit()):
        raise UserError(f"{args.customer_id} is not a customer id (a whole number, the "
                        "customer_id `today --json` prints); nothing was erased.")
    cid = int(args.customer_id)
    if cid >= 2**63:  # past SQLite's integers: nobody has that id
        raise UserError(f"There is no customer {cid} in this notebook; nothing was erased.")
    info = _open(args)
    if info.read_only:
        raise UserError(f"Nothing was erased. {info.reason}")
    # The preview reads through indexes the open-time quick check does not vouch for: a damaged
    # one must be named as damage (with its repair), not fail the read as "something went wrong".
    ensure_intact()
    try:
        preview = erase_preview(cid)
    except NotFound:
        raise UserError(f"There is no customer {cid} in this notebook; nothing was "
                        "erased.") from None
    if not args.yes:
        print(preview.message())
        print("rapport: nothing was erased; add --yes to erase them.", file=sys.stderr)
        return 1
    removed = erase_customer(cid)
    result = erase_from_backups(cid, removed.who)
    print("\n".join(removed.sentences()[:-1]))
    print(f"{result.line(removed.name)} This cannot be undone.")
    deadline = time.monotonic() + ERASE_READER_WAIT
    done = removed.checkpointed
    while not done and time.monotonic() < deadline:
        done = erase_pending.finish(min(0.5, ERASE_READER_WAIT))
    if not done:
        print(f"rapport: {erase_pending.READER} (At the latest when Rapport next opens the "
              "notebook.)", file=sys.stderr)
    return 0 if done and not result.failed else 1


def cmd_write_emails(args: argparse.Namespace) -> int:
    """One ``.eml`` draft per email suggestion of the day's Today queue, written into DIR."""
    from domain.templates import TemplateProblem
    from exports.eml import write_drafts
    from storage import handoff, outreach

    folder = Path(args.dir).expanduser()
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UserError(f"{folder} {what}; name the folder to write the drafts in.")
    day = _print_day(args.date)
    _open(args)  # the words are those cards would get (the built-in templates seeded once)
    try:
        drafts = handoff.email_drafts(outreach.today_queue(day, keep=False), day)
    except TemplateProblem as exc:
        raise UserError(f"No draft was written: {exc}. Mend it on the Templates screen.") \
            from None
    if not drafts:
        print(f"No emails are due on {day.isoformat()}; nothing written.")
        return 0
    written = write_drafts(folder, drafts, _notebook_path(args))
    print(f"Wrote {len(written)} email draft{'s' if len(written) != 1 else ''} to {folder}:")
    print("\n".join(f"  {p.name}" for p in written))
    return 0


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
    parser = argparse.ArgumentParser(prog="rapport", description=__doc__.splitlines()[0])
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
    except sqlite3.DatabaseError as exc:  # met while reading rows (text a flip made unreadable)
        from storage.db import translate_error

        said = translate_error(exc)
        if not isinstance(said, NotebookError):
            return _bug(exc, args.command)
        print(f"rapport: {said}", file=sys.stderr)
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
        return _bug(exc, args.command)
    finally:
        from storage.db import close_notebook

        close_notebook()
        if streams is not None and isinstance(sys.stdout, _Printable):
            sys.stdout, sys.stderr = streams


if __name__ == "__main__":
    sys.exit(main())
