"""A small notebook file that uses every part of the notebook JSON format.

``rich_document()`` is the input; ``fixtures/rich_notebook.golden.json`` is what the export
wrote for it before the export streamed (issue 17: the exported bytes must stay the same).
Regenerate the golden only on purpose: ``python -m tests.exports.rich_notebook`` writes what
the current code exports.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

GOLDEN = Path(__file__).parent / "fixtures" / "rich_notebook.golden.json"

# Names in many scripts: the export writes them as letters, never as \\u escapes.
NAMES = [
    ("Zoë", "Łukasik-Nguyễn"), ("Αθηνά", "Παπαδοπούλου"), ("Анастасия", "Кузнецова"),
    ("محمد", "العلي"), ("דניאל", "כהן"), ("अनन्या", "शर्मा"), ("สมชาย", "ใจดี"),
    ("美咲", "佐藤"), ("지민", "김"), ("Ngozi 🌻", "Ọ̀kọ̀nkwọ̀"), ("Siobhán", "Ó Briain"),
    ("Ruth\u200d", "O'Brien \"the florist\""),
]


def _customer(n: int, given: str, family: str) -> dict:
    cid = f"c{n * 3}"  # gaps in the numbers: kept on import into an empty notebook
    return {
        "id": cid, "given_name": given, "family_name": family,
        "preferred_name": given[:2] if n % 3 == 0 else "",
        "company": "Fleurs & Fils" if n % 4 == 1 else "", "role": "buyer" if n % 4 == 1 else "",
        "emails": [f"p{n}@example.com", f"{given.lower()}@exämple.org"],
        "phones": [f"+1503555{n:04d}"], "tags": ["vip", "wedding"] if n % 2 else ["regular"],
        "email_labels": {f"p{n}@example.com": "work"}, "phone_labels": {f"+1503555{n:04d}": "cell"},
        # forward (c0 names c3, c12 names c15) and back (c21 names c9)
        "referred_by": f"c{(n + 1) * 3}" if n in (0, 4) else "c9" if n == 7 else None,
        "cadence_days": 30 + n if n % 2 else None,
        "customer_since": f"20{10 + n:02d}-0{1 + n % 9}-1{n % 10}",
        "preferred_channels": ["mail", "email"] if n % 2 else [],
        "do_not_contact": ["phone"] if n == 5 else [],
        "notes": f"Likes {given}'s window box.\nSecond line, tab\there." if n % 3 else "",
        "status": ("", "", "archived", "", "deceased")[n % 5],
        "fields": {"Inseam": str(30 + n), "Anniversary": "2020-06-01"} if n % 2 else {},
        "addresses": [{"street": f"{n} Rue du Marché", "city": "Montréal", "region": "QC",
                       "postal_code": "H2X 1Y4", "country": "CA", "mailing": True,
                       "label": "home"}] if n % 3 != 2 else [],
        "facts": [{"kind": "family", "value": "Maya", "relation": "daughter",
                   "birthday": "--02-29"}, {"kind": "like", "value": "ranunculus 🌸"}],
        "milestones": [{"kind": "birthday", "date": f"19{60 + n}-0{1 + n % 9}-2{n % 9}"},
                       {"kind": "new_home", "date": "2025-05-01", "yearly": False,
                        "note": "moved to the coast"}],
        "interactions": [{"date": "2026-01-0" + str(1 + n % 9), "kind": "call",
                          "summary": f"Called {given}"},
                         {"date": "2026-02-14", "kind": "note", "channel": "email",
                          "summary": "Sent the catalogue"}],
        "purchases": [{"date": "2026-02-01", "amount": f"{12 + n}.50", "description": "Bouquet",
                       "currency": "EUR" if n % 2 else "", "source": "till" if n % 2 else "",
                       "order_id": f"T-{n}" if n % 2 else ""}],
        "promises": [{"made": "2026-02-01", "due": "2026-02-10T15:30", "what": "Order tulips"},
                     {"due": "2026-03-01", "what": "Ring back", "status": "kept"}],
        "problems": [{"opened": "2026-01-20", "summary": "Wilted roses", "status": "resolved",
                      "resolved": "2026-01-25", "waiting_on": "supplier",
                      "updates": [{"date": "2026-01-21", "summary": "Refund offered"},
                                  {"date": "2026-01-22", "summary": "Accepted"}]},
                     {"opened": "2026-02-02", "summary": "Late delivery"}] if n % 2 else [],
        "photo": {"mime": "image/png", "data": base64.b64encode(bytes(range(n, n + 40)))
                  .decode("ascii")} if n % 4 == 0 else None,
        "suggestions": _states(n, cid),
    }


def _states(n: int, cid: str) -> list[dict]:
    if n % 2 == 0:
        return [{"key": f"keep_in_touch:{cid}", "snoozed_until": "2026-03-20"}]
    other = f"c{(n - 1) * 3}" if n > 1 else cid  # a friend's number in the key
    friends = [{"key": "promise_due:c12.p1", "dismissed": True}] if n == 5 else []
    return [*friends, {"key": f"promise_due:{cid}.p0", "snoozed_until": "2026-03-15"},
            {"key": f"problem_follow_up:{cid}.q1:2026-02-09", "dismissed": True},
            {"key": f"thank_you_referral:{other}", "dismissed": True}]


def rich_document() -> dict:
    """The input: customers, templates, cards, settings, tag settings and fields."""
    return {
        "format": "rapport-notebook", "version": 1,
        "customers": [_customer(n, g, f) for n, (g, f) in enumerate(NAMES)],
        "templates": [
            {"id": "t2", "occasion": "birthday", "name": "Sunny ☀", "variant": 1,
             "card_format": "a6", "body": "Happy birthday, {{ name }}! — Ψ", "signature": "R."},
            {"id": "t5", "occasion": "keep_in_touch", "name": "Thinking of you", "variant": 2,
             "body": "Dear {{ name }},\n\nThe sweet peas are in.", "builtin": True},
        ],
        "cards": [
            {"customer": "c3", "occasion": "birthday", "template": "t2", "card_format": "a6",
             "status": "printed", "created": "2026-02-01", "printed": "2026-02-02",
             "text": "Happy birthday, Αθηνά!"},
            {"customer": "c30", "occasion": "keep_in_touch", "status": "draft",
             "created": "2026-02-03", "text": "Dear 美咲,\n\nThe sweet peas are in."},
        ],
        "settings": {"region": "CA", "sender": {"business": "Fleurs & Fils", "owner": "Émile"},
                     "outreach.default_cadence_days": 45},
        "tag_settings": {"vip": {"cadence_days": 14}, "wedding": {}},
        "fields": [{"name": "Inseam", "kind": "number"}, {"name": "Anniversary", "kind": "date"},
                   {"name": "Unused", "kind": "text"}],
    }


def rich_bytes() -> bytes:
    return json.dumps(rich_document(), ensure_ascii=False, indent=1).encode()


def main() -> None:
    """Write the golden from the current code (an empty temporary notebook)."""
    import tempfile

    from exports import notebook_json
    from storage.db import close_notebook, open_notebook

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "rich.json"
        source.write_bytes(rich_bytes())
        open_notebook(Path(tmp) / "rich.rapport")
        notebook_json.import_file(source)
        notebook_json.export_file(Path(tmp) / "out.json")
        close_notebook()
        GOLDEN.write_bytes((Path(tmp) / "out.json").read_bytes())
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":
    main()
