"""A 40 MB vCard is read in flat memory (issue 12, finding 7: a 200 MB folded vCard used
4.4 GB; ``make bench`` measures the whole 200 MB import). Before: the bytes, the text (four
bytes a character, for one emoji) and every line were held at once: 311 MB for this file."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

from tests.bench.bench_big_vcard import _card, _noise_jpeg

ROOT = Path(__file__).resolve().parents[2]

MEASURE = """
import resource, sys
from exports.vcard import read_file
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = read_file(sys.argv[1], "US")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(result.entries), (after - before) // 1024)
"""


def test_a_40_mb_vcard_is_read_without_holding_it(tmp_path):
    photo = base64.b64encode(_noise_jpeg(300, 2)).decode()
    path = tmp_path / "big.vcf"
    with path.open("wb") as fh:
        fh.write("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Zoë;Ana;;;\r\nNOTE:🌷\r\nEND:VCARD\r\n".encode())
        i = 0
        while fh.tell() < 40 << 20:
            i += 1
            fh.write(_card(i, photo if i % 5 == 0 else None))
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    cards, grown_mb = map(int, done.stdout.split())
    assert cards == i + 1
    # Before: the bytes, the text (4 bytes a character, for one emoji) and every line at once.
    assert grown_mb < 40, grown_mb
