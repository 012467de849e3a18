"""An export into a folder that cannot be written names the file the owner asked for."""

from __future__ import annotations

import errno

import pytest

from exports.atomic import write_atomic
from tests.storage.tiny_disk import mounted, remount_read_only


def test_a_read_only_folder_is_named_with_the_file_asked_for_not_the_temporary_one(tmp_path):
    with mounted(tmp_path / "disk", "1m") as disk:
        remount_read_only(disk)
        target = disk / "cards.pdf"
        with pytest.raises(OSError) as raised:
            write_atomic(target, b"%PDF-1.4\n")
        assert raised.value.errno == errno.EROFS
        assert raised.value.filename == str(target)  # not ".cards.pdf.x1y2.part"
        assert not any(disk.iterdir())
