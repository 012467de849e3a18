"""Benchmark: a 200 MB folded vCard imported in at most 500 MB of memory (issue 12: 4.4 GB).

``python -m tests.bench.bench_big_vcard [--megabytes 200]`` writes the file (a card with an
emoji, many small cards among cards with big folded PHOTO lines of a noise JPEG, two photos over
the 10 MB a photo may be and one line over the 16 M characters a line may be), then runs
``main.py import`` on it in a new process and reports that process's peak resident memory.
Then the same for 200 MB of the smallest cards there are (refused: more than 100,000 cards).
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SMALL_CARDS = 20_000


def _noise_jpeg(side: int, seed: int) -> bytes:
    from PIL import Image

    rng = random.Random(seed)
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def _folded(name: str, value: str) -> bytes:
    line = f"{name}:{value}"
    return ("\r\n ".join(line[i:i + 74] for i in range(0, len(line), 74)) + "\r\n").encode()


def _card(i: int, photo: str | None = None) -> bytes:
    head = (f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Family{i};Given{i};;;\r\nFN:Given{i} Family{i}\r\n"
            f"TEL;TYPE=CELL:+1 503 555 {i % 10000:04d}\r\nEMAIL:p{i}@example.com\r\n").encode()
    body = _folded("PHOTO;ENCODING=b;TYPE=JPEG", photo) if photo else b""
    return head + body + b"END:VCARD\r\n"


def make_file(path: Path, megabytes: int) -> int:
    """Write the file; return how many cards it holds."""
    photo = base64.b64encode(_noise_jpeg(700, 1)).decode()
    too_big = "A" * (14 << 20)  # base64 of 10.5 MB: over vcard_photo.MAX_SOURCE
    too_long = "A" * (17 << 20)  # over vcard_lines.MAX_LINE
    cards = 0
    with path.open("wb") as fh:
        # One emoji: a reader holding the whole text would hold it at four bytes a character.
        fh.write("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Łukasik;Zoë;;;\r\nNOTE:🌷\r\nEND:VCARD\r\n"
                 .encode())
        for i, extra in enumerate((too_big, too_big, too_long)):
            fh.write(_card(10_000_000 + i, extra))
            cards += 1
        small_per_photo = SMALL_CARDS // max(1, (megabytes << 20) // len(photo))
        while fh.tell() < megabytes << 20:
            fh.write(_card(cards, photo))
            for _ in range(max(1, small_per_photo)):
                cards += 1
                fh.write(_card(cards))
            cards += 1
    return cards


# main.py's own command line, then the process's peak resident memory (VmHWM: the new
# program's own, where ru_maxrss would also count the parent it was forked from).
_MEASURED = """
import sys
sys.path.insert(0, ".")
import main
try:
    code = main.main(sys.argv[1:])
finally:
    hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
    print("RAPPORT_PEAK_KB", hwm.split()[1], file=sys.stderr, flush=True)
sys.exit(code)
"""


def peak_import(source: Path, notebook: Path) -> tuple[float, int, str]:
    """(seconds, peak resident MB, output) of ``main.py import source`` in a new process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURED, "import", str(source),
                           "--notebook", str(notebook)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    took = time.perf_counter() - started
    peak = [int(line.split()[1]) for line in proc.stderr.splitlines()
            if line.startswith("RAPPORT_PEAK_KB")]
    if proc.returncode not in (0, 1) or not peak:
        raise RuntimeError(f"import failed ({proc.returncode}): {proc.stderr[-800:]}")
    other = [line for line in proc.stderr.splitlines() if not line.startswith("RAPPORT_PEAK")]
    return took, peak[0] // 1024, proc.stdout + "\n".join(other)


def make_tiny_cards(path: Path, megabytes: int) -> None:
    """``megabytes`` of the smallest cards there are (millions of them): refused whole."""
    block = b"BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n" * 32_768
    with path.open("wb") as fh:
        while fh.tell() < megabytes << 20:
            fh.write(block)


def make_noted_cards(path: Path, megabytes: int) -> None:
    """``megabytes`` of ordinary cards with a 2,000-character note each (about 99,000 in
    200 MB): text an import would have to keep, refused past vcard_read.MAX_TEXT."""
    note = "Likes ranunculus, asked about the wedding order. " * 40
    with path.open("wb") as fh:
        i = 0
        while fh.tell() < megabytes << 20:
            fh.write((f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Per{i} Son{i}\r\nN:Son{i};Per{i};;;\r\n"
                      f"EMAIL:p{i}@example.com\r\nTEL:+1503555{i % 10000:04d}\r\n"
                      f"NOTE:{note[:2000]}\r\nEND:VCARD\r\n").encode())
            i += 1


MAKERS = {"big": make_file, "tiny": make_tiny_cards, "noted": make_noted_cards}


def run(megabytes: int, folder: Path, tiny: bool | str = False) -> tuple[float, int, int, str]:
    """(seconds, peak MB, file MB, output) for one import of a new file; ``tiny``: True for
    tiny cards, or the name of a kind in MAKERS."""
    kind = tiny if isinstance(tiny, str) else ("tiny" if tiny else "big")
    source = folder / f"{kind}.vcf"
    MAKERS[kind](source, megabytes)
    took, peak, out = peak_import(source, folder / "big.rapport")
    return took, peak, source.stat().st_size >> 20, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    args = parser.parse_args(argv)
    peaks = []
    for kind, what in (("big", "folded vCard"), ("tiny", "vCard of tiny cards"),
                       ("noted", "vCard of cards with long notes")):
        with tempfile.TemporaryDirectory() as tmp:
            took, peak, size, out = run(args.megabytes, Path(tmp), kind)
        print(out.strip().splitlines()[0] if out.strip() else "")
        print(f"import a {size} MB {what}: {took:.1f} s, peak resident memory {peak} MB")
        peaks.append(peak)
    return 0 if max(peaks) <= 500 else 1


if __name__ == "__main__":
    sys.exit(main())
