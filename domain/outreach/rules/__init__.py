"""The rules of DESIGN §2, each a function (customer, history, context) → agenda entries:
what the customer is due from ``context.today`` on, and the days each shows
(domain.outreach.entries)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from domain.outreach.context import Context
from domain.outreach.entries import Entry, word
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.rules.contact import keep_in_touch, lapsed
from domain.outreach.rules.followups import problems, promises
from domain.outreach.rules.milestones import milestones
from domain.outreach.rules.sympathy import sympathy
from domain.outreach.rules.thanks import first_purchase, patience, referral
from domain.outreach.suggestion import Suggestion

Rule = Callable[[Contact, History, Context], Iterable[Entry]]
# Keep in touch first: it gives way to any of the others (domain.outreach.agenda).
RULES: tuple[Rule, ...] = (keep_in_touch, sympathy, promises, problems, patience, milestones,
                           lapsed, first_purchase, referral)

# What each rule makes and reads: the kind of its entries, the settings it reads (through
# ``ctx.settings`` or the days Context works out from them), and the parts of a customer
# beyond their row, touches, purchases and tags (storage reads only those). A setting changed
# works out again only the rules reading it (storage.agenda); tests/domain guard the map.
KIND: dict[Rule, str] = {
    keep_in_touch: "keep_in_touch", sympathy: "sympathy", promises: "promise_due",
    problems: "problem_follow_up", patience: "thank_you_patience", milestones: "milestone",
    lapsed: "lapsed", first_purchase: "thank_you_first_purchase", referral: "thank_you_referral"}
_THANKS = frozenset({"thank_you_days", "thank_you_window_days"})
READS: dict[Rule, frozenset[str]] = {
    keep_in_touch: frozenset({"default_cadence_days", "tag_cadences", "purchase_counts_as_touch"}),
    sympathy: frozenset({"sympathy_window_days"}),
    promises: frozenset(),
    problems: frozenset({"problem_follow_up_days"}),
    patience: frozenset({"patience_window_days"}),
    milestones: frozenset({"mailing_lead_days", "milestone_window_days", "queue_days",
                           "recent_milestone_days"}),
    lapsed: frozenset({"lapse_factor", "lapse_min_days"}),
    first_purchase: _THANKS, referral: _THANKS}
NEEDS: dict[Rule, frozenset[str]] = {
    keep_in_touch: frozenset(), sympathy: frozenset({"milestones", "family"}),
    promises: frozenset({"promises"}), problems: frozenset({"problems"}),
    patience: frozenset({"problems"}), milestones: frozenset({"milestones", "family"}),
    lapsed: frozenset(), first_purchase: frozenset(), referral: frozenset()}
# Read by the agenda itself beside its rules (domain.outreach.agenda: the days it holds, the
# touches the cap counts): a change of one works out everything again.
WHOLE = frozenset({"purchase_counts_as_touch", "cap_touches"})
# Read only by the day's policy (domain.outreach.policy), never stored.
POLICY = frozenset({"queue_days", "daily_capacity", "cap_days", "sympathy_quiet_days"})


def rules_reading(changed: Collection[str]) -> tuple[Rule, ...] | None:
    """The rules whose entries the settings named ``changed`` can change, in :data:`RULES`'
    order; None when the agenda itself reads one of them, or no map names one (everything
    is worked out again)."""
    named = POLICY.union(*READS.values())
    if any(name in WHOLE or name not in named for name in changed):
        return None
    return tuple(rule for rule in RULES if READS[rule] & set(changed))


def entries_for(c: Contact, ctx: Context, h: History | None = None,
                rules: tuple[Rule, ...] = RULES) -> list[Entry]:
    """Everything the rules (``rules``: only those) foresee for ``c`` from ``ctx.today`` on
    (thanks for a referral included: ``ctx.contacts`` names whom they sent). A date beyond the
    calendar's ends (year 9999) silences that rule for that customer only: one absurd date in
    one record must not empty the owner's whole Today screen."""
    h = h or History.of(c, ctx.today)
    found: list[Entry] = []
    for rule in rules:
        try:
            found += rule(c, h, ctx)
        except (OverflowError, ValueError):
            continue
    return found


def suggestions_for(c: Contact, ctx: Context, h: History | None = None) -> list[Suggestion]:
    """What the rules suggest for ``c`` on ``ctx.today``: every entry that shows that day,
    worded for it (no snooze, quiet time or cap yet)."""
    return [word(e, ctx) for e in entries_for(c, ctx, h) if e.shows(ctx.today, ctx.horizon)]
