"""Each notebook setting's type and range, checked the same way on import and on load."""

import pytest

from domain.demo import demo_settings, demo_templates
from domain.outreach.settings import Settings
from domain.setting_values import BadSetting, check_setting
from domain.template_sample import first_problem


@pytest.mark.parametrize(("key", "value"), [
    ("printer_offsets", "c1"), ("printer_offsets", {"x": True}),
    ("printer_offsets", {"y": float("inf")}), ("printer_offsets", {"x": 301}),
    ("printer_offsets", {"printers": {"p": "x"}}),
    ("printer_offsets", {"printers": {str(i): {} for i in range(201)}}),
    ("sender", None), ("sender", {"signature": "x" * 2001}),
    ("sender", {"grace_days": -1}), ("sender", {"grace_days": 1.5}),
    ("sender", {"return_address": "Main St"}),
    ("region", "1A"), ("region", "ÜS"), ("region", "UK"), ("region", "ZZ"),
    ("builtin_templates_seeded", 2), ("builtin_templates_seeded", 1.0),
    ("outreach.default_cadence_days", 0), ("outreach.cap_touches", 10**7),
    ("outreach.queue_days", 3651), ("outreach.lapse_factor", "2"),
    ("outreach.lapse_factor", 101), ("outreach.purchase_counts_as_touch", "yes"),
])
def test_a_bad_value_is_refused_in_plain_words(key, value):
    with pytest.raises(BadSetting) as err:
        check_setting(key, value)
    assert "Traceback" not in str(err.value) and len(str(err.value)) < 200


def test_every_default_and_the_demo_settings_pass_unchanged():
    for name, value in Settings().to_dict().items():
        assert check_setting("outreach." + name, value) == value
    for key, value in demo_settings().items():
        assert check_setting(key, value) == value


def test_unknown_keys_are_kept_as_they_are():
    assert check_setting("outreach.from_the_future", [1, {"a": None}]) == [1, {"a": None}]
    assert check_setting("window.size", "wide") == "wide"


def test_a_region_phone_numbers_do_not_know_is_refused():
    """``UK`` (Britain is ``GB``) or ``ÜS`` would be stored, and every number typed without
    ``+`` afterwards kept as typed: not one of them E.164, none found as a duplicate."""
    with pytest.raises(BadSetting, match="UK"):
        check_setting("region", "UK")
    assert check_setting("region", "") == ""


def test_good_values():
    assert check_setting("region", "gb") == "GB"
    assert check_setting("printer_offsets", {"x": -3, "printers": {"HP": {"y": 2.5}}}) == \
        {"x": -3, "printers": {"HP": {"y": 2.5}}}
    assert check_setting("outreach.lapse_factor", 3) == 3.0


def test_the_demo_and_built_in_templates_pass_the_import_check():
    from domain.cards import builtin_templates

    for template in [*builtin_templates(), *demo_templates()]:
        assert first_problem(template) is None, template.name
