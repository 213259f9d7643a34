"""The terminal is given back as it was: on quit, on SIGTERM, on SIGHUP and on a crash.

Each test runs the real reader in a pseudo-terminal, waits for it to draw, ends it, and checks
that the last thing written turns off what the reader turned on: the alternate screen, the
hidden cursor, mouse reporting and bracketed paste.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

PROJECT = Path(__file__).resolve().parents[2]
ARTICLES = PROJECT / "articles"
RESTORE = {
    "main screen": "\x1b[?1049l",
    "cursor shown": "\x1b[?25h",
    "mouse off": "\x1b[?1000l",
    "bracketed paste off": "\x1b[?2004l",
}
ENTER_ALTERNATE = "\x1b[?1049h"
CRASHING_READER = """
import sys
from readingroom.tui.app import create_app

app = create_app(sys.argv[1], restore=False)

def crash() -> None:
    raise RuntimeError("a crash made by the test")

app.action_help = crash
app.run()
sys.exit(app.return_code or 0)
"""


class Terminal:
    """A process on a pseudo-terminal, and everything it wrote."""

    def __init__(self, argv: list[str], home: Path) -> None:
        self.master, slave = os.openpty()
        os.set_blocking(self.master, False)
        env = {**os.environ, "READINGROOM_HOME": str(home), "TERM": "xterm-256color"}
        env.pop("NO_COLOR", None)
        env["COLUMNS"], env["LINES"] = "100", "30"
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = b""

    def read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                self.output += os.read(self.master, 1 << 16)
            except OSError:  # EIO: the process closed the terminal
                time.sleep(timeout)

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"{text!r} never appeared: {self.output[-400:]!r}")
            self.read(0.1)

    def press(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.1)
        for _ in range(5):  # what is still buffered
            self.read(0.05)
        os.close(self.master)
        if self.process.poll() is None:
            self.process.kill()
            raise AssertionError("the reader did not end")
        return self.process.returncode

    @property
    def after_last_draw(self) -> str:
        text = self.output.decode("utf-8", "replace")
        return text[text.rindex(ENTER_ALTERNATE) :]


def assert_restored(terminal: Terminal) -> None:
    tail = terminal.after_last_draw
    for what, sequence in RESTORE.items():
        assert sequence in tail, f"{what} ({sequence!r}) not written at the end"
    # The main screen comes back after the last frame was drawn.
    assert tail.rindex(RESTORE["main screen"]) > tail.rindex("Resilience")


def reader(home: Path) -> Terminal:
    argv = [sys.executable, "-m", "readingroom", "--library", str(ARTICLES), "--no-restore"]
    terminal = Terminal(argv, home)
    terminal.wait_for("Resilience")
    return terminal


def test_quit_restores_the_terminal(tmp_path: Path) -> None:
    terminal = reader(tmp_path)
    terminal.press("q")
    assert terminal.finish() == 0
    assert_restored(terminal)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_restores_the_terminal_and_saves_the_state(
    tmp_path: Path, signum: signal.Signals
) -> None:
    terminal = reader(tmp_path)
    time.sleep(0.3)  # the reading state is opened once the library is listed
    terminal.process.send_signal(signum)
    assert terminal.finish() == 128 + signum
    assert_restored(terminal)
    state = list((tmp_path / "state").glob("*.sqlite3"))
    assert state, "the reading state was not written"


def test_a_crash_restores_the_terminal_and_shows_the_error(tmp_path: Path) -> None:
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_READER, encoding="utf-8")
    terminal = Terminal([sys.executable, str(script), str(ARTICLES)], tmp_path)
    terminal.wait_for("Resilience")
    terminal.press("?")
    assert terminal.finish() != 0
    assert_restored(terminal)
    assert b"a crash made by the test" in terminal.output
