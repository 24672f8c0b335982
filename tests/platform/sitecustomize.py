"""Loaded by Python at start-up when this folder is on PYTHONPATH: it makes the POSIX-only
modules unavailable, as on Windows (`fcntl`, `termios`, `tty`, `os.fchmod`), and writes each
attempt to import one to the file named by MOVECOACH_BLOCKED_LOG."""

import os
import sys

BLOCKED = ("fcntl", "termios", "tty")


class Unavailable:
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name in BLOCKED:
            with open(os.environ["MOVECOACH_BLOCKED_LOG"], "a", encoding="utf-8") as log:
                log.write(name + "\n")
            raise ImportError(f"No module named {name!r} (made unavailable)", name=name)


for _name in BLOCKED:
    sys.modules.pop(_name, None)
sys.meta_path.insert(0, Unavailable())
if hasattr(os, "fchmod"):
    del os.fchmod
