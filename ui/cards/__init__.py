"""The window side of cards: the Cards screen, the card editor, printing, and settings.

Change-bus keys these screens announce (``events.changed(self, cards={3, 4})``), beside the
ones in ``ui/events.py``: ``cards`` (ids of cards added, edited or moved; None: any) and
``templates`` (ids of templates saved or deleted; None: any).
"""

CARDS = "cards"
TEMPLATES = "templates"


def alive(widget, fn):
    """``fn``, called only while ``widget`` still exists: for results that come back from
    the worker after the owner may have closed the window that asked."""
    import shiboken6

    def call(*args):
        if shiboken6.isValid(widget):
            return fn(*args)
        return None

    return call
