"""Commands on the notebook as a whole: demo, import, export, backup, check, erase."""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from ui.cli.common import UserError, notebook_path, open_for, output


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
    info = open_for(args, must_exist=False)
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
    path = output(path, path.suffix.lower(), args)  # never over a notebook or another kind
    open_for(args, read_only=True)  # exporting works while the window has the notebook open
    try:
        count = exporter(path)
    except ValueError as exc:
        from storage.check import damage_found

        # A stored value that is not what it should be (a time that is not a time) is the
        # notebook's damage, not the file's: said as check says it.
        raise UserError(damage_found() or f"{path.name}: {exc}") from None
    print(f"Exported {count} customers to {path}.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Take a verified copy of the notebook now; print its path."""
    from storage import backups

    open_for(args, read_only=True)  # a consistent copy needs no writer's lock
    print(backups.backup_now("manual"))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check the notebook without writing to it; print "ok" or each problem (exit 1).

    ``--repair`` first rebuilds damaged indexes (after a copy), as the window's Repair does.
    """
    from storage.check import check_file, repair_file

    path = notebook_path(args)
    if getattr(args, "repair", False) and path.exists():
        copy = repair_file(path)
        if copy is not None:
            print(f"Repaired: the indexes of {path.name} were rebuilt; the copy taken before is "
                  f"{copy}.")
    findings = check_file(path)
    print("\n".join(findings) or "ok")
    return 1 if findings else 0


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
    info = open_for(args)
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
