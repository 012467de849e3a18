"""Run a command and print its peak resident memory: ``python tests/bench/peak.py CMD …``.

Linux keeps a process's peak across ``fork`` and ``exec``: a child started by a large process
reports at least its parent's peak in ``ru_maxrss`` (from a 300 MiB bench runner, ``/bin/true``
"peaked" at 310 MiB). Started from this small fresh process instead, the command's own peak is
what is measured. The figure goes to stderr as ``RAPPORT_MAXRSS_KB n``; the exit status is the
command's.
"""

import os
import sys


def main(argv: list[str]) -> int:
    pid = os.posix_spawnp(argv[0], argv, os.environ)
    _pid, status, usage = os.wait4(pid, 0)
    print(f"RAPPORT_MAXRSS_KB {usage.ru_maxrss}", file=sys.stderr, flush=True)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
