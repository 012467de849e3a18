"""A contact's photo: decoded from a vCard, downscaled and capped before it is kept.

Phones embed photos of several megabytes; the notebook keeps a small JPEG (at most 256 px on
a side and 48 KB), enough for the customer page and a vCard export. A photo given as a URL
is not fetched: Rapport works offline and does not call out to addresses found in files.
"""

from __future__ import annotations

import base64
import binascii
import io
import logging
import re
import warnings

from PIL import Image, ImageOps

log = logging.getLogger(__name__)

MAX_SIDE = 256
MAX_BYTES = 48 * 1024
MAX_SOURCE = 10 * 1024 * 1024  # a bigger embedded image is not a contact photo
MAX_PIXELS = 40_000_000  # decompression bombs: refuse before decoding
_SPACE = re.compile(r"\s+")


def read_photo(raw: str, is_base64: bool) -> tuple[bytes | None, str]:
    """(small JPEG, "") or (None, why not) for a PHOTO value; never raises."""
    data = raw.strip()
    if data.startswith("data:"):  # vCard 4.0: data:image/jpeg;base64,…
        header, _, data = data.partition(",")
        is_base64 = ";base64" in header.lower()
    if not is_base64:
        return None, "is a link, not an embedded picture" if data else ""
    if len(data) > MAX_SOURCE * 4 // 3 + 4:
        return None, "is too large"
    try:
        image_bytes = base64.b64decode(_SPACE.sub("", data) + "==", validate=False)
    except (binascii.Error, ValueError):
        return None, "is not valid base64"
    return shrink(image_bytes)


def shrink(image_bytes: bytes) -> tuple[bytes | None, str]:
    """A JPEG of at most MAX_SIDE px and MAX_BYTES, or (None, why not)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _shrink(image_bytes), ""
    except Exception as exc:  # Pillow raises many kinds on a damaged image
        log.debug("photo not readable: %r", exc)
        return None, "could not be read as a picture"


def _shrink(image_bytes: bytes) -> bytes:
    with Image.open(io.BytesIO(image_bytes)) as img:
        if img.width * img.height > MAX_PIXELS:
            raise ValueError("too many pixels")
        img.draft("RGB", (MAX_SIDE * 2, MAX_SIDE * 2))  # JPEG: decode at a fraction, fast
        small = ImageOps.exif_transpose(img).convert("RGB")
    small.thumbnail((MAX_SIDE, MAX_SIDE))
    out = b""
    for quality in (85, 70, 55, 40):
        buffer = io.BytesIO()
        small.save(buffer, "JPEG", quality=quality, optimize=True)
        out = buffer.getvalue()
        if len(out) <= MAX_BYTES:
            break
    return out
