"""Printing from the command line: the formats, the day's cards and their envelopes, address
labels — to a PDF, or to a printer through the window's print path (``--printer``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli.common import UserError, check_ahead, day_of, open_for, pdf_target


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
    targets = [pdf_target(p, args) if p else None for p in outs]
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

    Python's cyclic collector is paused meanwhile (storage.collector: back on after, as tests
    call main() inside pytest's process). A batch keeps its tens of thousands of objects
    (rows, customers, cards, the PDF's objects) until it ends and makes little cyclic
    garbage: at the default threshold (700 new objects) the collector walked them some 350
    times, 0.1-0.2 s of a day's 2,068 cards at 50,000 customers; every 10,000 still 10 times,
    some 18 ms of a first print of 1,000 cards. Paused, the peak memory is no higher (94 MB
    for the 2,068, 57 MB for the 1,000, as when it ran)."""
    from storage import collector

    with collector.paused():
        return _print_cards(args)


def _print_cards(args: argparse.Namespace) -> int:
    from exports import cards

    card_cls = _print_format(args.format, "card")
    env_cls = _print_format(args.envelope_format or cards.ENVELOPE_FOR.get(card_cls.name),
                            "envelope") if args.envelopes is not None else None
    day = day_of(args.date)
    classes = [card_cls, env_cls] if env_cls is not None else [card_cls]
    targets = _targets(args, len(classes))  # before any work
    device = _printer(args, classes, targets)
    check_ahead(args)  # the notebook's quick check runs while the printing code is imported
    _load_printing(args.mark_printed)
    from domain.outreach import posted
    from domain.templates import TemplateProblem
    from exports.cards import fit_report
    from exports.cards.jobs import job_for
    from exports.cards.offsets import offsets_for
    from storage import card_batch, outreach, templates

    info = open_for(args)
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
    open_for(args, read_only=True)
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
