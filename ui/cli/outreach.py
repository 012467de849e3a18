"""Commands that read the day's outreach and the notebook's figures: today, search, agenda,
insights, write-emails (each through the rule the window uses)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ui.cli.common import UserError, day_of, notebook_path, open_for, pdf_target


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
    open_for(args, read_only=True)  # the window may hold the writer's lock; reading needs none
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
        from storage.customer_search import region  # the notebook's: numbers written as there

        print(plain_text(plan.suggestions, day, region()) + (f"\n\n{more}" if more else ""))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Print the customers QUERY finds, each with what matched (or ``--json``: a list of
    objects). The window's search, the same rule; reads, never writes."""
    import json

    from storage import customer_search

    open_for(args, read_only=True)  # the window may hold the writer's lock; reading needs none
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


def cmd_agenda(args: argparse.Namespace) -> int:
    """The week's calls, visits, cards and promises due, as a PDF to carry (Today's rules)."""
    from exports import agenda

    day = day_of(args.date)
    target = pdf_target(args.out, args)  # before any work
    open_for(args, read_only=True)  # reading only: the window may hold the writer's lock
    count = agenda.write(day, target)
    print(f"Wrote the agenda of the week from {day.isoformat()} ({count} "
          f"suggestion{'s' if count != 1 else ''}) to {target}.")
    return 0


def cmd_insights(args: argparse.Namespace) -> int:
    """The 12 months up to the day in figures (``--json``: one object). Reads, never writes."""
    from domain.insights import period_of
    from domain.insights_report import json_text, plain_text
    from storage import insights

    day = day_of(args.date)
    try:
        period_of(day)
    except ValueError:  # its 12 months would begin before the year 1
        raise UserError(f"--date {args.date} is too far back; choose a day from "
                        "0001-12-01 on.") from None
    open_for(args, read_only=True)  # the window may hold the writer's lock; reading needs none
    found = insights.insights(day)
    print(json_text(found) if args.json else plain_text(found))
    return 0


def cmd_write_emails(args: argparse.Namespace) -> int:
    """One ``.eml`` draft per email suggestion of the day's Today queue, written into DIR."""
    from domain.templates import TemplateProblem
    from exports.eml import write_drafts
    from storage import handoff, outreach

    folder = Path(args.dir).expanduser()
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UserError(f"{folder} {what}; name the folder to write the drafts in.")
    day = day_of(args.date)
    open_for(args)  # the words are those cards would get (the built-in templates seeded once)
    try:
        drafts = handoff.email_drafts(outreach.today_queue(day, keep=False), day)
    except TemplateProblem as exc:
        raise UserError(f"No draft was written: {exc}. Mend it on the Templates screen.") \
            from None
    if not drafts:
        print(f"No emails are due on {day.isoformat()}; nothing written.")
        return 0
    written = write_drafts(folder, drafts, notebook_path(args))
    print(f"Wrote {len(written)} email draft{'s' if len(written) != 1 else ''} to {folder}:")
    print("\n".join(f"  {p.name}" for p in written))
    return 0
