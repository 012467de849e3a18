"""Hostile card templates, as an attacker would write them (shared by the domain, storage,
command-line and window tests, and by ``tests/bench/template_attacks.py``).

Each must be stopped with a :class:`domain.templates.TemplateProblem`, quickly and in little
memory. Before the guard, most of them hung or took gigabytes.
"""

BIG = "'x'.ljust(99999)"  # the largest text one step may build (allowed on its own)
# Builds nothing and loops within its turns, so only the clock stops it (about 1.5 s of work).
BUSY = ("{% set l = range(10000)|list %}{% for i in range(9000) %}"
        "{% if l|sum < 0 or l|sum < 0 or l|sum < 0 %}{% endif %}{% endfor %}")

ATTACKS: list[tuple[str, str]] = [
    ("nested range loops", "{% for i in range(99999) %}{% for j in range(99999) %}"
                           "{% endfor %}{% endfor %}"),
    ("three nested loops", "{% for i in range(1000) %}{% for j in range(1000) %}"
                           "{% for k in range(1000) %}{% endfor %}{% endfor %}{% endfor %}"),
    ("filtered inner loop", "{% for i in range(99999) %}{% for j in range(99999) if j < 0 %}"
                            "{% endfor %}{% endfor %}"),
    ("busy loop to the deadline", BUSY),
    ("cycling a long argument list", "{% for i in range(10000) %}"
                                     "{{ loop.cycle(*range(10000)) and '' }}{% endfor %}"),
    ("ljust 10**9", "{{ 'x'.ljust(10**9) }}"),
    ("rjust 10**9", "{{ 'x'.rjust(10**9) }}"),
    ("str.center 10**9", "{{ 'x'.center(10**9) }}"),
    ("zfill 10**9", "{{ '1'.zfill(10**9) }}"),
    ("'x' * 10**9", "{{ 'x' * 10**9 }}"),
    ("10**9 * 'x'", "{{ 10**9 * 'x' }}"),
    ("[1] * 10**9", "{{ [1] * 10**9 }}"),
    ("tuple * 10**9", "{{ (1,) * 10**9 }}"),
    ("format width", "{{ '{:>1000000000}'.format(1) }}"),
    ("format precision", "{{ '{:.1000000000f}'.format(1.5) }}"),
    ("nested format width", "{{ '{:{}}'.format(1, 1000000000) }}"),
    ("percent width", "{{ '%1000000000s' % 1 }}"),
    ("percent star width", "{{ '%*s' % (1000000000, 'x') }}"),
    ("format filter width", "{{ '%1000000000d'|format(1) }}"),
    ("range(10**8)|list", "{{ range(10**8)|list }}"),
    ("center filter", "{{ 'a'|center(10**9) }}"),
    ("indent filter", "{{ ('x\\n' * 9000)|indent(100000) }}"),
    ("indent by text", "{{ ('x\\n' * 9000)|indent('y' * 9000) }}"),
    ("wordwrap wrapstring", "{{ ('a' * 9000)|wordwrap(1, wrapstring='y' * 9000) }}"),
    ("recursive macro", "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}"),
    ("doubling macro", "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}"
                       "{{ s|length }}{% endif %}{% endmacro %}{{ d('x', 40) }}"),
    ("squaring macro", "{% macro g(n, k) %}{% if k %}{{ g(n * n, k - 1) }}{% else %}"
                       "{{ n > 1 }}{% endif %}{% endmacro %}{{ g(10, 40) }}"),
    ("recursive loop", "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}"),
    ("lipsum", "{{ lipsum(10**6) }}"),
    ("tower of powers", "{{ 9 ** (9 ** 9) }}"),
    ("power of a power", "{{ (2 ** 60) ** (60 ** 2) }}"),
    ("list doubling", "{% set l = [1] %}{% for i in range(60) %}{{ l.extend(l) or '' }}"
                      "{% endfor %}"),
    ("distinct big strings kept", "{% set l = [] %}{% for i in range(10000) %}"
                                  f"{{{{ l.append({BIG} ~ i) or '' }}}}{{% endfor %}}"),
    ("list shown as text", f"{{{{ [{BIG}] * 200 * 50 }}}}"),
    ("join of a big list", f"{{{{ ([{BIG}] * 200 * 50)|join }}}}"),
    ("str.join of a big list", f"{{{{ ''.join([{BIG}] * 200 * 50) }}}}"),
    ("str.replace growth", f"{{{{ {BIG}.replace('x', {BIG}) }}}}"),
    ("replace filter growth", f"{{{{ {BIG}|replace('x', {BIG}) }}}}"),
    ("translate growth", f"{{{{ {BIG}.translate({{120: {BIG}}}) }}}}"),
    ("expandtabs", "{{ ('\\t' * 200).expandtabs(10000000) }}"),
    ("batch fill", "{{ [1]|batch(10**9, 0)|list }}"),
    ("slice count", "{{ [1]|slice(10**8)|list }}"),
    ("tojson indent", "{{ [[[[1]]]]|tojson(indent=10**8) }}"),
    ("pprint of a big list", f"{{{{ ([{BIG}] * 200 * 50)|pprint }}}}"),
    ("sum of lists", "{{ ([[0] * 200] * 200 * 50)|sum(start=[])|length }}"),
    ("sorting copies of a long text", f"{{{{ ([{BIG}] * 200 * 50)|sort|length }}}}"),
    ("list.sort of long texts", f"{{% set l = [{BIG}] * 200 * 50 %}}{{{{ l.sort() }}}}"),
    ("max of long texts", f"{{{{ ([{BIG}] * 200 * 50)|select|max|length }}}}"),
    ("output flood", f"{{% for i in range(10000) %}}{{{{ {BIG} }}}}{{% endfor %}}"),
    ("macro buffer flood", f"{{% macro m() %}}{{% for i in range(10000) %}}{{{{ {BIG} }}}}"
                           "{% endfor %}{% endmacro %}{{ m()|length }}"),
    ("set block flood", f"{{% set s %}}{{% for i in range(10000) %}}{{{{ {BIG} }}}}"
                        "{% endfor %}{% endset %}{{ s|length }}"),
    ("block calling itself twice", "{% block a %}{{ self.a() }}{{ self.a() }}{% endblock %}"),
    ("recursive loop, twice a turn", "{% for x in range(3) recursive %}{{ loop(range(3)) }}"
                                     "{{ loop(range(3)) }}{% endfor %}"),
    ("filter block flood", f"{{% filter upper %}}{{% for i in range(10000) %}}{{{{ {BIG} }}}}"
                           "{% endfor %}{% endfilter %}"),
    ("caller flood", "{% macro m() %}{% for i in range(10000) %}{{ caller() }}{% endfor %}"
                     f"{{% endmacro %}}{{% call m() %}}{{{{ {BIG} }}}}{{% endcall %}}"),
    ("padding through map", "{{ range(3)|map('string')|map('center', 10**9)|list }}"),
    ("format through attr", "{{ ('{:>999999999}'|attr('format'))(1) }}"),
    ("deep parentheses", "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}"),
    ("huge source", "x" * 2_000_000),
]

# Attempts to reach Python from a template: each must be refused, never leak.
ESCAPES: list[str] = [
    "{{ ''.__class__.__mro__ }}",
    "{{ name.__class__.__base__.__subclasses__() }}",
    "{{ interests.__class__ }}",
    "{{ name.format.__globals__ }}",
    "{{ range.__init__.__globals__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ '{0.__class__}'.format(1) }}",
    "{{ '{0.__globals__}'.format(range) }}",
    "{{ '{0.__self__.__class__}'.format(name.upper) }}",
    "{{ interests.append.__self__.__class__ }}",
    "{{ ''|attr('__class__') }}",
    "{{ range|attr('__call__')|attr('__globals__') }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ joiner }}",
    "{{ namespace }}",
    "{{ config }}",
    "{{ request }}",
    "{{ loop.__class__ }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
    "{% include '/etc/passwd' %}",
    "{% extends '/etc/passwd' %}",
    "{% import 'os' as os %}",
    "{{ '%(a)s'.format_map.__self__.__class__ }}",
    "{{ ('{0.__class__.__mro__}'|attr('format'))(1) }}",
    "{{ name|attr('format_map')({}) ~ (''|attr('__class__')) }}",
]

# Templates that look large but are harmless: they must still render.
HARMLESS: list[tuple[str, str]] = [
    ("truncate with a huge length", "{{ 'hello'|truncate(10**9) }}"),
    ("a short loop", "{% for i in range(100) %}{{ i }} {% endfor %}"),
    ("a padded line", "{{ name.ljust(30) }}|"),
    ("a format", "{{ '{:>8}'.format(name) }} {{ '%05d' % 42 }}"),
    ("a small repeat", "{{ '-' * 40 }}"),
    ("order number in a format", "{{ 'Order 123456789: %s' % name }}"),
    ("family loop", "{% for m in family_list %}{{ m.name }}{% if not loop.last %}, "
                    "{% endif %}{% endfor %}"),
    ("a macro", "{% macro hi(n) %}Hi {{ n }}{% endmacro %}{{ hi(name) }}"),
]
