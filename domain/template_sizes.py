"""Sizing what a template is about to build, before it is built.

Every check here works out how large a value *would* be (a padded string, a repeated list, a
formatted number, a join) from its inputs, and refuses it when it would pass :data:`MAX_TEXT`.
Measuring after the fact is too late: ``'x'.ljust(10**9)`` has taken its gigabyte by then.
Used by :mod:`domain.template_sandbox`; pure, no Jinja state.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from string import Formatter
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.utils import _PassArg

MAX_TEXT = 100_000  # characters in any one text a template builds (a card holds ~1,000)
MAX_ITEMS = 10_000  # items in any one list or range
MAX_DEPTH = 40  # nesting of lists in lists, when measuring one
_OBJECT = 64  # what any other value (a date, a macro) is taken to print as

_SEQUENCES = (str, bytes, list, tuple)
_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_DIGITS = re.compile(r"\d+")


class BudgetExceeded(SecurityError):
    """A render stopped by its budget; ``str()`` says which limit in plain words."""


class TooBig(BudgetExceeded):
    """A value that would pass :data:`MAX_TEXT` (or a number past the bit limit)."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or f"it builds too much text for a card (more than "
                                    f"{MAX_TEXT:,} characters in one piece)")


def check_total(size: int) -> None:
    """Refuse a value about to be built with ``size`` characters or items."""
    if size > MAX_TEXT:
        raise TooBig()


def shown_size(value: Any, limit: int = MAX_TEXT, depth: int = 0) -> int:
    """About how many characters ``str(value)`` makes, counting no further than ``limit``."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return 24
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if isinstance(value, Mapping):
        items: Any = (x for pair in value.items() for x in pair)
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    else:
        return _OBJECT
    if depth > MAX_DEPTH:
        return limit + 1
    total = 2
    for item in items:  # each item adds at least its separator: this loop ends by limit
        total += shown_size(item, limit - total, depth + 1) + 2
        if total > limit:
            break
    return total


def _width(value: Any) -> int:
    return abs(value) if isinstance(value, int) else 0


def percent_size(template: str, args: Any) -> int:
    """The most ``template % args`` can make: its text, its values and its field widths."""
    values = args if isinstance(args, tuple) else (args,)
    stars = sum(_width(v) for v in values)
    size = len(template) + shown_size(args)
    for match in _PERCENT.finditer(template):
        for part in match.groups():
            size += stars if part == "*" else int(part or 0)
    return size


def format_size(template: str, args: tuple, kwargs: Mapping[str, Any]) -> int:
    """The most ``template.format(*args, **kwargs)`` can make."""
    values = [*args, *kwargs.values()]
    largest = max((shown_size(v) for v in values), default=0)
    nested = sum(_width(v) for v in values)
    size = len(template)
    for _text, field, spec, _conversion in Formatter().parse(template):
        if field is None:
            continue
        size += largest + sum(int(d) for d in _DIGITS.findall(spec or ""))
        size += nested if "{" in (spec or "") else 0
    return size


def check_binop(operator: str, left: Any, right: Any, max_bits: int) -> None:
    """Refuse ``left <operator> right`` when its result would be too big."""
    if operator == "*":
        _check_repeat(left, right, max_bits)
    elif operator == "**":
        if _is_int(left) and _is_int(right) and right > 0 \
                and left.bit_length() * right > max_bits:
            raise TooBig("it makes a number too large for a card")
    elif operator == "+":
        if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES):
            check_total(len(left) + len(right))
    elif operator == "%" and isinstance(left, str):
        check_total(percent_size(left, right))


def _check_repeat(left: Any, right: Any, max_bits: int) -> None:
    if isinstance(left, _SEQUENCES) and _is_int(right):
        check_total(len(left) * right)
    elif isinstance(right, _SEQUENCES) and _is_int(left):
        check_total(len(right) * left)
    elif _is_int(left) and _is_int(right) and \
            left.bit_length() + right.bit_length() > max_bits:
        raise TooBig("it makes a number too large for a card")


def _is_int(value: Any) -> bool:
    return isinstance(value, int)


# --- methods called from a template --------------------------------------------------------

def check_call(fn: Any, args: tuple, kwargs: Mapping[str, Any]) -> None:
    """Refuse a string method whose result would be too big (padding, replace, join…)."""
    fn = getattr(fn, "__wrapped__", fn)  # the sandbox wraps str.format in its own function
    owner = getattr(fn, "__self__", None)
    if isinstance(owner, list) and getattr(fn, "__name__", "") in _COMPARING:
        check_total(shown_size(owner))  # each comparison may read a long text in full
    if not isinstance(owner, str):
        return
    size = _STR_METHODS.get(getattr(fn, "__name__", ""))
    if size is not None:
        check_total(_sized(size, (owner, *args), kwargs))


_COMPARING = frozenset({"sort", "index", "count", "remove"})


def check_receiver(fn: Any) -> None:
    """After ``list.append``/``extend``, ``dict.update``…: the container stays in bounds."""
    owner = getattr(fn, "__self__", None)
    if isinstance(owner, list | dict | set) and len(owner) > MAX_ITEMS:
        owner.clear()  # let the memory go now, not when the render's frames do
        raise TooBig(f"it grows a list too long for a card (more than {MAX_ITEMS:,} items)")


def _sized(size: Callable[..., int], args: tuple, kwargs: Mapping[str, Any]) -> int:
    """``size`` applied to a call's arguments; a call that does not fit is left to fail."""
    try:
        return size(*args, **kwargs)
    except TypeError:
        return 0


def _pad(s: str, width: Any = 0, *_rest: Any) -> int:
    return max(len(_text(s)), _width(width))


def _replaced(s: str, old: Any = None, new: Any = None, count: Any = -1, *_rest: Any) -> int:
    s = _text(s)
    if not isinstance(old, str) or not isinstance(new, str):
        return len(s)
    found = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(s) + found * max(0, len(new) - len(old))


def _joined(sep: str, items: Any = None, *_rest: Any) -> int:
    if not isinstance(items, list | tuple | set | frozenset | dict):
        return 0  # a generator's items were built (and counted) by the filters making them
    return shown_size(items) + len(sep) * len(items)


def _translated(s: str, table: Any = None) -> int:
    if not isinstance(table, Mapping):
        return len(s)
    return len(s) * max((shown_size(v) for v in table.values()), default=1)


def _tabs(s: str, tabsize: Any = 8) -> int:
    return len(s) + s.count("\t") * _width(tabsize)


def _formatted(s: str, *args: Any, **kwargs: Any) -> int:
    return format_size(s, args, kwargs)


def _format_map(s: str, mapping: Any = None) -> int:
    return format_size(s, (), mapping if isinstance(mapping, Mapping) else {})


_STR_METHODS: dict[str, Callable[..., int]] = {
    "ljust": _pad, "rjust": _pad, "center": _pad, "zfill": _pad, "expandtabs": _tabs,
    "replace": _replaced, "join": _joined, "translate": _translated, "format": _formatted,
    "format_map": _format_map,
}


# --- filters -------------------------------------------------------------------------------

# Filters that rearrange values without writing them out as text or comparing them.
_STRUCTURAL = frozenset({
    "length", "count", "first", "last", "random", "reverse", "list", "map", "select",
    "reject", "selectattr", "rejectattr", "batch", "slice", "items", "default", "d", "attr",
    "abs", "round", "int", "float", "sum"})
# Filters that read a whole iterable: a generator is made a list first, to be measured. The
# comparing ones are measured too: sorting 10,000 copies of a long text compares it in full
# each time (3.6 s), though no new text is made.
_READ_WHOLE = frozenset({"join", "sum", "sort", "unique", "min", "max", "groupby",
                         "dictsort"})


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _indent(s: Any, width: Any = 4, *_rest: Any, **_options: Any) -> int:
    s = _text(s)
    step = len(width) if isinstance(width, str) else _width(width)
    return len(s) + (s.count("\n") + 1) * step


def _wrapped(s: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None,
             *_rest: Any, **_options: Any) -> int:
    s = _text(s)
    step = len(wrapstring) if isinstance(wrapstring, str) else 1
    return len(s) + (len(s) // max(1, _width(width)) + 1) * step


def _percent(value: Any, *args: Any, **kwargs: Any) -> int:
    return percent_size(_text(value), args or kwargs)


def _replace_filter(s: Any, old: Any = None, new: Any = None, count: Any = None) -> int:
    return _replaced(s, old, new, -1 if count is None else count)


def _batch(value: Any, linecount: Any = 0, *_rest: Any) -> int:
    return _width(linecount) if _width(linecount) > MAX_ITEMS else 0


def _slice(value: Any, slices: Any = 0, *_rest: Any) -> int:
    return _batch(value, slices)


def _json(value: Any, indent: Any = None) -> int:
    step = len(indent) if isinstance(indent, str) else _width(indent)
    return shown_size(value) * (step + 2)


def _summed(iterable: Any, attribute: Any = None, start: Any = 0) -> int:
    if not isinstance(start, int | float):
        raise TooBig("it sums something other than numbers")
    return 0


_FILTERS: dict[str, Callable[..., int]] = {
    "center": _pad, "indent": _indent, "wordwrap": _wrapped, "format": _percent,
    "replace": _replace_filter, "batch": _batch, "slice": _slice, "tojson": _json,
    "sum": _summed,
}


def guard_filter(name: str, fn: Callable, spend: Callable[[Any], Any]) -> Callable:
    """``fn`` (a Jinja filter) with its result sized first and counted after."""
    check = _FILTERS.get(name)
    offset = 0 if _PassArg.from_obj(fn) is None else 1  # context or environment comes first
    structural = name in _STRUCTURAL

    @functools.wraps(fn)  # keeps Jinja's pass_context marks
    def run(*args: Any, **kwargs: Any) -> Any:
        args = _materialised(name, args, offset)
        if not structural and len(args) > offset:
            check_total(shown_size(args[offset]))
        if check is not None:
            check_total(_sized(check, args[offset:], kwargs))
        return spend(fn(*args, **kwargs))

    return run


def _materialised(name: str, args: tuple, offset: int) -> tuple:
    """A filter that reads a whole iterable gets it as a list, measured first."""
    if name in _READ_WHOLE and len(args) > offset:
        value = args[offset]
        if not isinstance(value, list | tuple | str | dict):
            items = []
            for item in value:
                items.append(item)
                if len(items) > MAX_ITEMS:
                    raise TooBig(f"it grows a list too long for a card (more than "
                                 f"{MAX_ITEMS:,} items)")
            args = (*args[:offset], items, *args[offset + 1:])
    return args
