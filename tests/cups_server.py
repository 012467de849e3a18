"""A private CUPS server for the printer tests: its own ``cupsd -f`` with its configuration,
socket and spool in a temporary folder, so a test can print to a real queue with a real
driver (a cups-filters sample PPD that reports hardware margins) and read what was spooled.

Queues are added stopped (``cupsdisable``): a job stays in the spool as the PDF Qt sent, and
its control file keeps the options (``media``, ``sides``). ``CUPS_SERVER`` names the socket;
Qt reads it through libcups, which remembers the server per thread once asked, so
:func:`use_server` also tells libcups to read it again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

CUPSD = "/usr/sbin/cupsd"
PPD_DIR = Path("/usr/share/ppd/cupsfilters")
MARGIN_PPD = PPD_DIR / "HP-Color_LaserJet_CM3530_MFP-PDF.ppd"  # 18/36 pt margins, duplex

CUPSD_CONF = """\
Listen {root}/cups.sock
LogLevel warn
Browsing No
DefaultAuthType None
DirtyCleanInterval 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """\
ServerRoot {root}
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/state
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
FileDevice Yes
Sandboxing Relaxed
"""


class CupsUnavailable(Exception):
    """No private cupsd here; the message says why (tests skip with it)."""


@dataclass(frozen=True)
class Job:
    """One spooled job: its PDF and the options in its control file."""

    data: Path
    control: Path

    def options(self) -> bytes:
        """The control file's bytes (IPP attributes: media, sides, job-name …)."""
        return self.control.read_bytes() if self.control.exists() else b""

    def pages(self) -> list[tuple[float, float]]:
        """Each page's size in points, as ``pdfinfo`` reads the spooled PDF."""
        out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(self.data)],
                             capture_output=True, text=True, check=True).stdout
        return [(float(w), float(h)) for w, h in
                re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", out)]


class CupsServer:
    """A cupsd of the tests' own under ``root``; :meth:`start`, :meth:`add_queue`, :meth:`stop`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.socket = root / "cups.sock"
        self.spool = root / "spool"
        self._process: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        """The environment for a process that should print here."""
        return {**os.environ, "CUPS_SERVER": str(self.socket)}

    def start(self) -> None:
        """Start cupsd in the foreground; raise :class:`CupsUnavailable` when it cannot."""
        for tool in (CUPSD, "lpadmin", "cupsdisable", "pdfinfo"):
            if shutil.which(tool) is None:
                raise CupsUnavailable(f"{tool} is not installed (make printer-test-deps)")
        if not MARGIN_PPD.exists():
            raise CupsUnavailable(f"{MARGIN_PPD} is missing (install cups-filters)")
        if os.geteuid() != 0:
            raise CupsUnavailable("cupsd needs root to run its filters as user lp")
        for sub in ("spool/tmp", "cache", "state", "log", "ppd"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        (self.root / "cupsd.conf").write_text(CUPSD_CONF.format(root=self.root))
        (self.root / "cups-files.conf").write_text(CUPS_FILES_CONF.format(root=self.root))
        self._process = subprocess.Popen(
            [CUPSD, "-f", "-c", str(self.root / "cupsd.conf"),
             "-s", str(self.root / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise CupsUnavailable(f"cupsd stopped at once: {self._error()}")
            if self.socket.exists() and self._run("lpstat", "-r").returncode == 0:
                return
            time.sleep(0.1)
        self.stop()
        raise CupsUnavailable("cupsd did not answer within 10 s")

    def _error(self) -> str:
        err = self._process.stderr.read().decode(errors="replace") if self._process else ""
        log = self.root / "log" / "error_log"
        return (err + (log.read_text(errors="replace") if log.exists() else "")).strip()[-300:]

    def _run(self, *argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(argv, env=self.env(), capture_output=True, text=True)

    def add_queue(self, name: str, ppd: Path = MARGIN_PPD, duplex: bool = True) -> None:
        """A stopped queue ``name`` with the driver ``ppd``; ``duplex=False`` takes the
        duplex unit out of the driver (a printer that prints one side only)."""
        if not duplex:
            ppd = self._without_duplex(ppd)
        for argv in (("lpadmin", "-p", name, "-E", "-v", "file:///dev/null", "-P", str(ppd)),
                     ("cupsdisable", name)):
            done = self._run(*argv)
            if done.returncode != 0:
                raise CupsUnavailable(f"{' '.join(argv[:2])} failed: {done.stderr.strip()}")

    def set_default(self, name: str) -> None:
        """Make ``name`` the server's default printer."""
        self._run("lpadmin", "-d", name)

    def _without_duplex(self, ppd: Path) -> Path:
        text = ppd.read_text(encoding="latin-1")
        text = re.sub(r"\*OpenUI \*Duplex/.*?\*CloseUI: \*Duplex\n", "", text, flags=re.S)
        text = re.sub(r"\*JCLOpenUI \*manualduplex.*?\*JCLCloseUI: \*manualduplex\n", "",
                      text, flags=re.S)
        text = re.sub(r"^\*(?:Default)?Duplex.*\n", "", text, flags=re.M)
        text = text.replace("*cupsBackSide", "*%cupsBackSide")
        out = self.root / f"simplex-{ppd.name}"
        out.write_text(text, encoding="latin-1")
        return out

    def jobs(self) -> list[Job]:
        """Every spooled job so far, oldest first."""
        return [Job(d, self.spool / f"c{d.name[1:6]}")
                for d in sorted(self.spool.glob("d*-001"))]

    def wait_for_jobs(self, count: int, after: int = 0, timeout: float = 15) -> list[Job]:
        """The jobs after the first ``after``, once ``count`` of them are spooled."""
        deadline = time.monotonic() + timeout
        while True:
            new = self.jobs()[after:]
            if len(new) >= count or time.monotonic() > deadline:
                time.sleep(0.3)  # the control file follows the data
                return self.jobs()[after:]
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop cupsd (the temporary folder goes with the test session)."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._process = None


def _die_with_parent() -> None:
    """In the child: stop when the test process dies (a killed run leaves no cupsd)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    libc.prctl(1, 15)  # PR_SET_PDEATHSIG, SIGTERM


def use_server(socket: str | None) -> None:
    """Point this process's libcups at ``socket`` (None: the system's server again).

    libcups keeps the server name it first read, per thread; ``cupsSetServer(NULL)`` makes
    the calling thread read ``CUPS_SERVER`` afresh.
    """
    if socket is None:
        os.environ.pop("CUPS_SERVER", None)
    else:
        os.environ["CUPS_SERVER"] = socket
    name = ctypes.util.find_library("cups")
    if name:
        ctypes.CDLL(name).cupsSetServer(None)
