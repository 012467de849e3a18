"""Words for the demo notebook: what the shop sells, how touches are noted, cards and settings."""

from __future__ import annotations

# What a touch of each kind sounds like in the owner's notes. Neutral wording, so any line
# fits any customer.
SUMMARIES: dict[str, tuple[str, ...]] = {
    "call": (
        "Called to confirm Saturday pickup.",
        "Rang to say the peonies came in early this week.",
        "Wanted ideas for a hostess gift under $40; suggested a small potted herb trio.",
        "Returned a missed call — just checking on delivery time.",
        "Called to ask how the orchid is doing after the repot.",
    ),
    "visit": (
        "Popped in for a Friday bunch; chatted about the garden.",
        "Came by and picked out eucalyptus and white stock.",
        "Stopped in to look at the dried wreaths for the front door.",
        "Visited with the kids; each of them chose a sunflower.",
        "Dropped by for a coffee and a look at what's new.",
    ),
    "email": (
        "Emailed the spring catalogue with tulip pre-order dates.",
        "Sent photos of three centrepiece options.",
        "Confirmed next month's standing order by email.",
        "Replied with care tips for cut hydrangeas.",
    ),
    "text": (
        "Texted a photo of the new ranunculus colours.",
        "Text: the delivery is on its way.",
        "Texted that the order is ready to collect.",
    ),
    "card": (
        "Posted a thank-you card after the last order.",
        "Sent a handwritten card with a pressed-flower bookmark.",
    ),
    "gift": (
        "Gave a bunch of sweet peas to take home — thanks for being a regular.",
        "Tucked a little succulent in with the order as a thank-you.",
    ),
    "meeting": (
        "Met to plan flowers for a family celebration.",
        "Walked through the venue together: arch, tables and the cake flowers.",
    ),
    "note": (
        "Prefers to collect after 5 pm on weekdays.",
        "Mentioned a trip abroad next month — no standing order until back.",
        "Pays by card; keep the receipt for the accountant.",
    ),
}

# How often each kind of touch happens at a flower shop: mostly visits, calls and texts.
KIND_WEIGHTS = {"visit": 30, "call": 20, "text": 15, "email": 15, "card": 8, "note": 6,
                "gift": 4, "meeting": 2}

# (what, lowest, highest price in dollars)
ITEMS: tuple[tuple[str, int, int], ...] = (
    ("Hand-tied seasonal bouquet", 45, 85),
    ("Peonies and eucalyptus", 55, 95),
    ("A dozen red roses, boxed", 70, 110),
    ("Phalaenopsis orchid in a ceramic pot", 48, 75),
    ("Ranunculus bunch", 28, 40),
    ("Sunflowers, ten stems", 25, 35),
    ("Dried flower wreath", 60, 90),
    ("Succulent dish garden", 35, 60),
    ("Tulips, twenty stems", 30, 45),
    ("Friday bunch", 18, 28),
    ("Hydrangea and garden rose posy", 50, 80),
)
BUSINESS_ITEMS: tuple[tuple[str, int, int], ...] = (
    ("Reception arrangement, weekly", 120, 180),
    ("Table posies ×12", 140, 220),
    ("Counter arrangement and greenery refresh", 90, 140),
    ("Family-room vases ×6", 95, 130),
)

SIGNATURE = "Warmly,\n{{ signature }}"

# The owner's own templates, beside the built-in ones: (occasion, name, variant, body).
# Occasions and placeholders are those of domain/templates.py.
TEMPLATES: tuple[tuple[str, str, int, str], ...] = (
    ("first_purchase", "Wildflower welcome", 1,
     "Dear {{ name }},\n\nThank you for choosing us. I hope the flowers brighten every room "
     "they're in — do come back and tell me how long they lasted!"),
    ("first_purchase", "Lovely to meet you", 2,
     "Dear {{ name }},\n\nIt was lovely to meet you this week. Thank you for stopping by "
     "{{ business }}."),
    ("referral", "A friend of yours", 1,
     "Dear {{ name }},\n\n{% if friend %}{{ friend }} came in and said you sent them{% else %}"
     "A friend of yours came in{% endif %}. That means a great deal to a small shop like "
     "ours — thank you."),
    ("birthday", "Cold room in June", 1,
     "Happy birthday, {{ name }}!\n\nWishing you a year as full of colour as our cold room "
     "in June."),
    ("wedding_anniversary", "Thinking of you both", 1,
     "Dear {{ name }},\n\nHappy anniversary! Thinking of you both today."),
    ("sympathy", "With sympathy", 1,
     "Dear {{ name }},\n\nWe are so sorry for your loss. We are thinking of you and your "
     "family."),
    ("keep_in_touch", "First sweet peas", 1,
     "Dear {{ name }},\n\nThe first sweet peas of the season came in today and I thought "
     "of you. I hope all is well."),
)

# Stored one key per setting, named as storage reads them: the outreach numbers under
# "outreach." (domain/outreach/settings.py), the sender as domain/templates.py names it; tag
# cadences have their own table.
SETTINGS = {
    "sender": {
        "business": "Wildflower & Fern",
        "owner": "Rosa Lindqvist",
        "signature": "Rosa",
        "return_address": {"street": "1428 SE Division St", "city": "Portland",
                           "region": "OR", "postal_code": "97202", "country": ""},
        "offer": "a free Friday bunch on your next visit",
        "grace_days": 30,
    },
    "region": "US",
    "outreach.default_cadence_days": 30,
    "outreach.mailing_lead_days": 5,
    "outreach.cap_touches": 2,
    "outreach.cap_days": 14,
}
TAG_SETTINGS = {"vip": 21, "wholesale": 45}
