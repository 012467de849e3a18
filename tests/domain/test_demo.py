"""The demo notebook: realistic, varied, complete, and always current relative to ``today``."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path

import phonenumbers
import pytest
from email_validator import validate_email

from domain import demo
from domain.model import (
    CARD_STATUSES,
    FACT_KINDS,
    INTERACTION_KINDS,
    MILESTONE_KINDS,
    PROBLEM_STATUSES,
    PROMISE_STATUSES,
)

TODAY = date(2026, 3, 10)


@pytest.fixture(scope="module")
def people():
    return demo.build_demo(TODAY)


def by_name(people, given):
    return next(c for c in people if c.given_name == given)


def test_at_least_forty_customers_with_unique_ids_and_sound_referrals(people):
    assert len(people) >= 40
    ids = [c.id for c in people]
    assert ids == list(range(1, len(people) + 1))
    referred = [c for c in people if c.referred_by]
    assert len(referred) >= 4
    assert all(c.referred_by in ids and c.referred_by != c.id for c in referred)


def test_names_are_varied_and_reach_beyond_latin1(people):
    names = " ".join(f"{c.given_name} {c.family_name} {c.company}" for c in people)
    wide = {ch for ch in names if ord(ch) > 0xFF}
    assert {"Ł", "ễ", "ğ", "ř", "ş"} <= wide | {ch.lower() for ch in wide}
    for expected in ("Zoë", "Nguyễn", "Çelik", "Øyvind", "Łukasik", "Ana Lúcia", "Siobhán",
                     "Dvořák"):
        assert expected in names
    assert len({c.family_name for c in people}) >= 40
    assert any(c.company and not c.given_name for c in people)  # a company-only customer
    assert any(c.preferred_name for c in people) and any(c.pronunciation for c in people)


def test_every_kind_of_entity_is_present(people):
    assert {m.kind for c in people for m in c.milestones} == set(MILESTONE_KINDS)
    assert {i.kind for c in people for i in c.interactions} == set(INTERACTION_KINDS)
    assert {f.kind for c in people for f in c.facts} == set(FACT_KINDS)
    assert {p.status for c in people for p in c.promises} == set(PROMISE_STATUSES)
    assert {p.status for c in people for p in c.problems} == set(PROBLEM_STATUSES)
    assert {c.status for c in demo.demo_cards(TODAY)} == set(CARD_STATUSES)
    assert all(c.purchases for c in people)
    assert any(c.do_not_contact for c in people) and any(c.tags for c in people)
    assert any(f.kind == "family" and f.birthday for c in people for f in c.facts)
    assert any(f.kind == "pet" for c in people for f in c.facts)
    assert any(a.mailing for c in people for a in c.addresses)
    assert any(p.updates for c in people for p in c.problems)
    assert demo.demo_templates() and demo.demo_settings()["sender"]["business"]


def test_special_birthdays(people):
    birthdays = [m for c in people for m in c.milestones if m.kind == "birthday"]
    assert any((m.date.month, m.date.day) == (2, 29) and m.date.year for m in birthdays)
    assert any(m.date.year is None for m in birthdays)
    assert any(m.whose for m in birthdays)  # a child's (or mother's) birthday


def test_emails_and_phones_are_valid(people):
    for c in people:
        for email in c.emails:
            validate_email(email, check_deliverability=False)
        for phone in c.phones:
            parsed = phonenumbers.parse(phone)
            assert phonenumbers.is_valid_number(parsed), phone
            assert phonenumbers.format_number(
                parsed, phonenumbers.PhoneNumberFormat.E164) == phone
    assert sum(1 for c in people if c.emails) >= 40 and sum(1 for c in people if c.phones) >= 40


def test_templates_are_valid_for_the_template_engine():
    from domain.templates import check_template

    for template in demo.demo_templates():
        check_template(template.body)


@pytest.mark.parametrize("today", [TODAY, date(2027, 2, 28), date(2028, 2, 29),
                                   date(2026, 12, 31), date(2029, 1, 1)])
def test_dates_follow_today(today):
    people = demo.build_demo(today)
    soon = today + timedelta(days=14)
    past_items = [d for c in people for d in
                  [*(i.when for i in c.interactions), *(p.when for p in c.purchases),
                   *(p.made for p in c.promises), *(p.opened for p in c.problems)]]
    assert max(past_items) <= today
    zoe = by_name(people, "Zoë")
    assert [p.when for p in zoe.purchases] == [today - timedelta(days=2)]
    assert zoe.interactions == []  # no thank-you yet
    assert any(today < m.date.next_occurrence(today) <= soon
               for c in people for m in c.milestones if m.kind == "birthday")
    open_due = [p.due.date() for c in people for p in c.promises if p.status == "open"]
    assert any(d < today for d in open_due) and any(today <= d <= soon for d in open_due)
    assert any(p.status == "open" for c in people for p in c.problems)
    lost = [m for c in people for m in c.milestones if m.kind == "bereavement"]
    assert lost and all(0 <= (today - m.date.to_date()).days <= 14 for m in lost)
    quiet = [c for c in people if c.interactions
             and (today - c.interactions[-1].when).days >= 60]
    assert quiet
    lapsed = [c for c in people if len(c.purchases) > 3
              and (today - c.purchases[-1].when).days > 150]
    assert lapsed


def test_same_seed_same_notebook_other_seed_other_history():
    assert demo.build_demo(TODAY, 7) == demo.build_demo(TODAY, 7)
    assert demo.build_demo(TODAY, 8) != demo.build_demo(TODAY, 7)


def test_demo_never_reads_the_clock():
    for name in ("demo.py", "demo_data.py", "demo_phrases.py"):
        source = (Path(demo.__file__).parent / name).read_text(encoding="utf-8")
        calls = {node.func.attr for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
        assert not calls & {"today", "now", "utcnow", "time"}, name


def test_every_demo_setting_is_one_rapport_reads():
    """The demo stored its outreach numbers as `cap_days` and the like, which nobody reads
    (the outreach settings live under `outreach.`): changing them in the demo did nothing."""
    from domain.outreach.settings import Settings
    from domain.setting_values import check_setting

    settings = demo.demo_settings()
    outreach = {k.removeprefix("outreach."): v for k, v in settings.items()
                if k.startswith("outreach.")}
    assert set(settings) - set(f"outreach.{k}" for k in outreach) == {"sender", "region"}
    assert Settings.from_dict(outreach, {}).to_dict().items() >= outreach.items()
    for key, value in settings.items():
        check_setting(key, value)
