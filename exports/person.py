"""One customer's data to hand over (a data-access request): one zip, readable without Rapport.

The zip holds ``<name>.json`` (the customer in the notebook JSON format's own shape, DESIGN §4,
with their cards), ``<name>.vcf`` (vCard 3.0 for any address book) and ``photo.jpg`` (or .png)
when the notebook has one. Written through a temporary file and renamed, readable by the owner only.
"""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
from datetime import date
from pathlib import Path

from domain.text import fold
from exports import notebook_json
from exports.atomic import write_atomic
from exports.vcard_write import card as vcard_text
from storage.erase import PersonData, person_data
from storage.notebook_id import notebook_id

FORMAT = "rapport-person"
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
VERSION = 1


def document(data: PersonData, today: date | None = None) -> dict:
    """The JSON document for one person: their record, cards and when it was exported."""
    # The notebook format's own serialiser: the same shape as in a whole-notebook export.
    customer = notebook_json._customer(data.customer, data.photo)
    return {"format": FORMAT, "version": VERSION,
            "exported": (today or date.today()).isoformat(),
            "customer": customer,
            "cards": [notebook_json._card(c) for c in data.cards]}


def file_stem(data: PersonData) -> str:
    """A safe file name for the person: ``maria-nguyen``."""
    words = re.findall(r"[a-z0-9]+", fold(data.customer.display_name))
    return "-".join(words)[:60] or f"customer-{data.customer.id}"


def archive(data: PersonData, today: date | None = None,
            notebook: uuid.UUID | None = None) -> tuple[bytes, list[str]]:
    """(zip bytes, names of the files inside); with ``notebook`` (its id) the vCard has the
    same UID as in a whole-notebook export."""
    stem = file_stem(data)
    files = {
        f"{stem}.json": (json.dumps(document(data, today), ensure_ascii=False, indent=2)
                         + "\n").encode("utf-8"),
        f"{stem}.vcf": vcard_text(data.customer, data.photo,
                                  notebook_id=notebook).encode("utf-8"),
    }
    if data.photo:
        mime, image = data.photo
        files[f"photo.{_EXTENSIONS.get(mime, 'bin')}"] = image
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buffer.getvalue(), list(files)


def export_person(customer_id: int, path: Path, today: date | None = None) -> list[str]:
    """Write customer ``customer_id``'s data to the zip ``path``; return the files inside."""
    content, names = archive(person_data(customer_id), today, notebook_id())
    write_atomic(Path(path), content)
    return names
