"""Rendering is bounded in time and memory: hostile templates are stopped with a message."""

import itertools
import time
import tracemalloc

import pytest

from domain.model import Customer, Fact
from domain.template_sandbox import MAX_STEPS, RENDER_SECONDS, Budget
from domain.templates import TemplateProblem, build_context, render_template
from tests.domain.template_attacks import ATTACKS, ESCAPES, HARMLESS
from tests.domain.test_templates import SENDER, TODAY

PEAK_MB = 40  # far below the gigabytes these took before; the compiled template counts too


def ctx() -> dict:
    person = Customer(given_name="Margaret", preferred_name="Peggy", id=1,
                      facts=[Fact("family", "Tom", relation="husband")])
    return build_context(person, SENDER, "birthday", TODAY)


@pytest.mark.parametrize(("label", "source"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_hostile_template_is_stopped_quickly_in_little_memory(label, source):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(TemplateProblem) as err:
            render_template(source, ctx())
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert elapsed < RENDER_SECONDS * 4, f"{label}: {elapsed:.2f} s"
    assert peak < PEAK_MB, f"{label}: {peak:.0f} MB"
    assert "Traceback" not in str(err.value) and len(str(err.value)) < 400


@pytest.mark.parametrize("source", ESCAPES)
def test_no_way_out_of_the_sandbox(source):
    with pytest.raises(TemplateProblem):
        render_template(source, ctx())


@pytest.mark.parametrize(("label", "source"), HARMLESS, ids=[h[0] for h in HARMLESS])
def test_ordinary_templates_still_render(label, source):
    assert render_template(source, ctx())


def test_a_long_render_is_stopped_by_its_deadline_with_its_line():
    clock = itertools.count(0, 0.01).__next__  # a tick costs 10 ms of fake time
    source = "Dear {{ name }},\n{% for i in range(100) %}{{ i }}{% endfor %}"
    with pytest.raises(TemplateProblem) as err:
        render_template(source, ctx(), Budget(seconds=0.5, clock=clock))
    assert err.value.line == 2
    assert "runs too long" in err.value.message and "0.5 s" in err.value.message
    assert str(err.value).startswith("Line 2: this template was stopped")


def test_a_loop_past_its_turns_is_stopped():
    source = "Hi\n\n{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateProblem) as err:
        render_template(source, ctx())
    assert err.value.line == 3
    assert f"{MAX_STEPS:,} turns" in err.value.message


def test_too_much_text_in_all_is_stopped():
    source = "{% set l = [] %}{% for i in range(50) %}{{ l.append('x'.ljust(90000) ~ i) }}" \
             "{% endfor %}"
    with pytest.raises(TemplateProblem) as err:
        render_template(source, ctx())
    assert "builds too much text" in err.value.message


def test_a_budget_is_per_render():
    source = "{% for i in range(10) %}{{ i }}{% endfor %}"
    for _ in range(3):  # ten turns each: a shared meter would run out
        assert render_template(source, ctx(), Budget(steps=12)) == "0123456789"


def test_recursion_is_a_message():
    with pytest.raises(TemplateProblem) as err:
        render_template("{% macro m() %}{{ m() }}{% endmacro %}\n{{ m() }}", ctx())
    assert "too deeply" in err.value.message or "too many times" in err.value.message


def test_every_failure_is_a_template_problem():
    for source in ("{{ 1 / 0 }}", "{{ 'a' + 1 }}", "{{ int('9' * 5000) }}",
                   "{{ 'x'|wordwrap(0) }}", "{{ 1e308 * 1e308 * 'x' }}",
                   "{{ [1][5] }}", "{{ {}.missing.deeper }}", "{{ 10.0 ** 10000 }}"):
        with pytest.raises(TemplateProblem):
            render_template(source, ctx())
