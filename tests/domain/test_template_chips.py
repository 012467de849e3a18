"""The editor's chips come from the one registry and give back the template exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain.template_chips import Chip, chip, join, pieces
from domain.templates import PLACEHOLDERS


def test_every_field_is_a_chip_with_its_registry_label():
    for name, field in PLACEHOLDERS.items():
        source = f"Dear {{{{ {name} }}}}!"
        parts = pieces(source)
        assert parts == ["Dear ", Chip(name, f"{{{{ {name} }}}}"), "!"]
        assert parts[1].label == field.label and join(parts) == source
        assert chip(name).source == f"{{{{ {name} }}}}"


def test_written_however_it_was_written():
    source = "{{first_name}}{{- name -}}{{  pet\t}}"
    assert [p.source for p in pieces(source)] == ["{{first_name}}", "{{- name -}}",
                                                   "{{  pet\t}}"]
    assert join(pieces(source)) == source


HOSTILE = [
    "{{ nickname }}", "{{ name | upper }}", "{{ name.__class__ }}", "{% if pet %}{{ pet }}",
    "{{ name }", "{ name }}", "{{{ name }}}", "{{\nname }}", "{# {{ name }} #}",
    "\ufffc{{ name }}\ufffc", "\u00a0{{ name }}\u2028", "{{ name }}\r\n{{ pet }}", "",
    "{% raw %}{{ name }}{% endraw %}", "{{ NAME }}", "{{ name ~ pet }}", "{{ 'x' * 10**9 }}",
]


def test_hostile_and_unknown_jinja_is_kept_as_text_never_lost():
    for source in HOSTILE:
        assert join(pieces(source)) == source
    assert pieces("{{ nickname }}") == ["{{ nickname }}"]
    assert pieces("{{ name | upper }}") == ["{{ name | upper }}"]
    assert [type(p) for p in pieces("{{{ name }}}")] == [str, Chip, str]


@given(st.lists(st.one_of(st.text(), st.sampled_from(["{{ name }}", "{{", "}}", "{{pet}}"]))))
def test_any_text_round_trips(parts):
    source = "".join(parts)
    assert join(pieces(source)) == source
