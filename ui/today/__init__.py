"""The Today screen: who to thank, celebrate, call back or win back today, and why.

Change-bus key this screen announces beside those of ``ui/events.py``: ``outreach`` (ids of
customers whose suggestions were snoozed, dismissed or acted on; None: the settings changed,
so every suggestion may have).
"""

OUTREACH = "outreach"
