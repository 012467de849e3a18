"""Channel rotation reads the latest touches through History.recent_channels, worked out
once per history: the same pick as reading them on each call (domain.outreach.channels)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.model import CHANNELS
from domain.outreach.channels import _rotation, candidates, rotate
from domain.outreach.history import ROTATION_MEMORY, History
from domain.outreach.inputs import Contact, Touch

TODAY = date(2026, 11, 23)
touch = st.builds(lambda back, kind, channel: Touch(TODAY - timedelta(days=back), kind, channel),
                  st.integers(0, 4), st.sampled_from(["call", "email", "visit"]),
                  st.one_of(st.none(), st.sampled_from(CHANNELS)))


def picked_the_old_way(c: Contact, h: History, kind: str) -> str | None:
    options = candidates(c, kind)
    if not options or not h.touches:
        return options[0] if options else None
    latest = h.touches[:ROTATION_MEMORY]
    same_day = 1
    while same_day < len(latest) and latest[same_day].when == latest[0].when:
        same_day += 1
    return _rotation(options, c.preferred_channels, tuple(t.channel for t in latest), same_day)


@settings(max_examples=300, deadline=None)
@given(st.lists(touch, max_size=6), st.lists(st.sampled_from(CHANNELS), max_size=2, unique=True),
       st.lists(st.sampled_from(CHANNELS), max_size=2, unique=True))
def test_a_history_s_recent_channels_rotate_as_reading_them_each_time(touches, preferred,
                                                                      blocked):
    c = Contact(1, "Ana", preferred_channels=tuple(preferred), do_not_contact=tuple(blocked),
                touches=touches)
    h = History.of(c, TODAY)
    for kind in ("keep_in_touch", "lapsed", "keep_in_touch"):  # the second read is cached
        assert rotate(c, h, kind) == picked_the_old_way(c, h, kind)
