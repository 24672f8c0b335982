"""The desktop outside the terminal: notifications for `nudge --notify`, and the programs that
start, stop and list the user's timers for `movecoach remind`.

Standard library only. Each platform's command is built by a pure function of its inputs
(the platform passed in, so tests build all three), and run here with a timeout; a notifier
that is missing or fails gives a line saying so, never an exception, since a reminder must
never fail the nudge that carries it.
"""

from __future__ import annotations

import sys

TITLE = "movecoach"
TIMEOUT = 10.0  # seconds a notifier or service manager may take
# A toast through PowerShell's WinRT bridge (Windows 10 and 11), with no module to install,
# shown as PowerShell's (Windows shows toasts only for an app it knows).
POWERSHELL_APP = r"{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe"
TOAST = "\n".join(
    [
        "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications,"
        " ContentType = WindowsRuntime] > $null",
        "$manager = [Windows.UI.Notifications.ToastNotificationManager]",
        "$kind = [Windows.UI.Notifications.ToastTemplateType]::ToastText02",
        "$xml = $manager::GetTemplateContent($kind)",
        "$texts = $xml.GetElementsByTagName('text')",
        "$texts.Item(0).AppendChild($xml.CreateTextNode('{title}')) > $null",
        "$texts.Item(1).AppendChild($xml.CreateTextNode('{message}')) > $null",
        "$toast = [Windows.UI.Notifications.ToastNotification]::new($xml)",
        f"$manager::CreateToastNotifier('{POWERSHELL_APP}').Show($toast)",
    ]
)


def notify_command(message: str, platform: str = sys.platform) -> list[str]:
    """The command that shows `message` as a desktop notification on `platform`. The message
    is passed as an argument (or, for PowerShell, inside an encoded script as a quoted
    literal), never through a shell, so no character in it can run anything."""
    if platform == "darwin":
        script = "on run argv\ndisplay notification (item 2 of argv) with title (item 1 of argv)"
        return ["osascript", "-e", script + "\nend run", TITLE, message]
    if platform == "win32":
        import base64

        def literal(text: str) -> str:  # inside single quotes, which PowerShell spells 5 ways
            return "".join(c * 2 if c in "'\u2018\u2019\u201a\u201b" else c for c in text)

        script = TOAST.replace("{title}", literal(TITLE)).replace("{message}", literal(message))
        encoded = base64.b64encode(script.encode("utf-16-le")).decode("ascii")
        return ["powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded]
    return ["notify-send", "--app-name=movecoach", TITLE, message]


def run(command: list[str]) -> str | None:
    """Run `command` quietly; None when it worked, else one line saying why it did not."""
    import shutil
    import subprocess

    program = shutil.which(command[0])
    if program is None:
        return f"{command[0]} was not found"
    try:
        done = subprocess.run(
            [program, *command[1:]],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{command[0]} took over {TIMEOUT:g} s"
    except OSError as err:
        return f"{command[0]} could not run: {err.strerror or err}"
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = f": {said[-1]}" if said else ""
        return f"{command[0]} failed (exit {done.returncode}){reason}"
    return None


def notify(message: str, platform: str = sys.platform) -> str | None:
    """Show `message` on the desktop; None when shown, else why not (one line)."""
    problem = run(notify_command(message, platform))
    return None if problem is None else f"no desktop notification: {problem}"
