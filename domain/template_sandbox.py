"""The sandbox card templates run in, bounded in time and in the text they build.

Jinja's ``SandboxedEnvironment`` keeps a template away from Python's internals but not from
the machine's: nested ``range`` loops run for hours and ``'x'.ljust(10**9)`` takes a gigabyte.
This environment adds a budget to every render:

* **time and turns** — each loop turn and each macro call ticks a meter that stops the render
  after :data:`RENDER_SECONDS` or :data:`MAX_STEPS` turns (the loop's iterable is wrapped, so a
  filtered loop ticks for every item it looks at, not only the ones it keeps);
* **size** — every way to make a big value is checked *before* it is made: ``*``, ``**``,
  ``+`` and ``%``, string padding and format widths, ``range``, joins and the filters that
  multiply their input; no single text or list may exceed :data:`MAX_TEXT`;
* **total** — everything built during one render counts against :data:`MAX_BUILT`, so a loop
  cannot keep ten thousand distinct large strings alive either.

A render over budget raises :class:`BudgetExceeded` (a ``SecurityError``), which
``domain.templates`` turns into a plain message with the template line. The meter is
thread-local: each thread renders with its own, so the window's worker and a test can render
at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment

from domain import template_sizes as sizes
from domain.template_sizes import MAX_TEXT, BudgetExceeded, TooBig

RENDER_SECONDS = 0.5  # one card's words; anything slower is a loop gone wrong
MAX_STEPS = 20_000  # loop turns and macro calls in one render (a card needs a few dozen)
MAX_BUILT = 1_000_000  # characters (and list items) built in one render, all values together
MAX_INT_BITS = 10_000  # about 3,000 digits: no card needs a larger number
EACH = "_rapport_each"  # the filter wrapped around every loop's iterable

__all__ = [
    "DEFAULT_BUDGET",
    "MAX_BUILT",
    "MAX_INT_BITS",
    "MAX_STEPS",
    "MAX_TEXT",
    "RENDER_SECONDS",
    "Budget",
    "BudgetExceeded",
    "CardSandbox",
    "metered",
]


@dataclass(frozen=True, slots=True)
class Budget:
    """The limits of one render; tests pass a fake ``clock`` or smaller limits."""

    seconds: float = RENDER_SECONDS
    steps: int = MAX_STEPS
    built: int = MAX_BUILT
    clock: Callable[[], float] = time.monotonic


DEFAULT_BUDGET = Budget()


class _Meter:
    """What one render has left of its budget."""

    __slots__ = ("budget", "built", "clock", "deadline", "steps")

    def __init__(self, budget: Budget, started: float) -> None:
        self.budget, self.clock = budget, budget.clock
        self.deadline = started + budget.seconds
        self.steps, self.built = budget.steps, budget.built

    def tick(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise BudgetExceeded(f"it loops too many times for a card (stopped after "
                                 f"{self.budget.steps:,} turns)")
        if self.clock() > self.deadline:
            raise BudgetExceeded(f"it runs too long for a card (stopped after "
                                 f"{self.budget.seconds:g} s)")

    def spend(self, amount: int) -> None:
        self.built -= amount
        if self.built < 0:
            raise BudgetExceeded(f"it builds too much text for a card (more than "
                                 f"{self.budget.built:,} characters in all)")


class _Render(threading.local):
    """This thread's render: its budget, and its meter once something needs it
    (most cards never loop or build: they should not pay for a meter)."""

    budget: Budget | None = None
    meter: _Meter | None = None


_RENDER = _Render()


def metered(budget: Budget, render: Callable[..., str], *args: Any) -> str:
    """``render(*args)`` against a fresh meter for ``budget`` (this thread's own).

    The meter, and its clock, start with the first loop turn, call or value built: what runs
    before that is straight-line template code, as quick as the source is short."""
    state = _RENDER
    outer = state.budget, state.meter  # a render inside a render (never from a template)
    state.budget, state.meter = budget, None
    try:
        return render(*args)
    finally:
        state.budget, state.meter = outer


def _meter() -> _Meter:
    state = _RENDER
    meter = state.meter
    if meter is None:
        budget = state.budget
        if budget is None:  # a render outside ``metered`` has no limits: refuse it
            raise BudgetExceeded("it was not filled in through Rapport's guard")
        meter = state.meter = _Meter(budget, budget.clock())
    return meter


def _spend(value: Any) -> Any:
    """Count a value just built against the render's total, and return it."""
    if isinstance(value, str | bytes):
        if len(value) > MAX_TEXT:
            raise TooBig()
        _meter().spend(len(value))
    elif isinstance(value, list | tuple | dict | set):
        if len(value) > sizes.MAX_ITEMS:
            raise TooBig(f"it grows a list too long for a card (more than {sizes.MAX_ITEMS:,} "
                         "items)")
        _meter().spend(len(value))
    elif isinstance(value, int) and not isinstance(value, bool):
        _meter().spend(value.bit_length() // 16)
    return value


def _ticking(items: Iterable[Any]) -> Iterator[Any]:
    meter = _meter()
    for item in items:
        meter.tick()
        yield item


def _guarded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > sizes.MAX_ITEMS:
        raise TooBig(f"it counts too far for a card (a range of more than {sizes.MAX_ITEMS:,})")
    return numbers


_PLAIN = frozenset({str, int, float, bool})  # written out as they are: no need to measure
_AS_IS = CodeGenerator._FinalizeInfo(None, None)


class _MeteredCode(CodeGenerator):
    """Jinja's code generator with every loop's iterable ticking and ``~`` size-checked."""

    def visit_Template(self, node: nodes.Template, frame: Any = None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, EACH, [], [], None, None,
                                     lineno=loop.iter.lineno)
        names: frozenset[str] = getattr(self.environment, "context_names", frozenset())
        self._given = names - {
            n.name for n in node.find_all(nodes.Name) if n.ctx != "load"}
        super().visit_Template(node, frame)

    def _output_child_pre(self, node: nodes.Expr, frame: Any, finalize: Any) -> None:
        super()._output_child_pre(node, frame, finalize if self._built(node) else _AS_IS)

    def _output_child_post(self, node: nodes.Expr, frame: Any, finalize: Any) -> None:
        super()._output_child_post(node, frame, finalize if self._built(node) else _AS_IS)

    def _built(self, node: nodes.Node) -> bool:
        """Whether ``{{ node }}`` may be a value the template built (measured before it is
        written out), rather than the customer's data or a constant (written as it is: most
        of a card, and measuring it would cost ordinary cards time for nothing)."""
        if isinstance(node, nodes.Name):
            return node.name not in self._given
        if isinstance(node, nodes.Const):
            return False
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            return self._built(node.node)
        if isinstance(node, nodes.And | nodes.Or):
            return self._built(node.left) or self._built(node.right)
        if isinstance(node, nodes.CondExpr):
            return self._built(node.expr1) or node.expr2 is None or self._built(node.expr2)
        return not isinstance(node, nodes.Not | nodes.Compare)  # those make a bool

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        self.write("environment.join_text((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class CardSandbox(SandboxedEnvironment):
    """Jinja's sandbox with a budget on time, turns and size (see the module docstring)."""

    code_generator_class = _MeteredCode
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, context_names: frozenset[str] = frozenset(), **options: Any) -> None:
        """``context_names``: the names a render's context always gives (the customer's data,
        never a value the template built)."""
        self.context_names = context_names
        super().__init__(finalize=self._finalize, **options)
        self.globals = {"range": _guarded_range}  # no lipsum, cycler, joiner, namespace
        self.filters = {name: sizes.guard_filter(name, f, _spend)
                        for name, f in self.filters.items()}
        self.filters[EACH] = _ticking

    @staticmethod
    def concat(pieces: Iterable[str]) -> str:
        """A macro's or block's output, joined once it is known to fit."""
        pieces = list(pieces)
        sizes.check_total(sum(map(len, pieces)))
        return _spend("".join(pieces))

    @staticmethod
    def join_text(values: tuple[Any, ...]) -> str:
        """``a ~ b``: measured before any value is turned into text."""
        sizes.check_total(sum(sizes.shown_size(v) for v in values))
        return _spend("".join(map(str, values)))

    @staticmethod
    def _finalize(value: Any) -> Any:
        """Every ``{{ … }}``: a container is measured before it is written out as text."""
        if value.__class__ not in _PLAIN:
            sizes.check_total(sizes.shown_size(value))
        return value

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        sizes.check_binop(operator, left, right, MAX_INT_BITS)
        return _spend(self.binop_table[operator](left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        """Every call from a template: macros tick, methods that grow text are sized first."""
        if isinstance(__obj, Macro | LoopContext):
            _meter().tick()
        else:
            sizes.check_call(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        sizes.check_receiver(__obj)
        return _spend(result)
