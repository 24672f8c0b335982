"""The commands, one module per area; `cli.RootGroup` imports a module only to run, list or
complete its commands, so a command's start-up pays for its own code alone."""

MODULES = {
    "today": "plan",
    "start": "plan",
    "break": "desk",
    "exercises": "plan",
    "flare": "help",
    "safety": "plan",
    "learn": "help",
    "log": "record",
    "checkin": "progress",
    "sessions": "record",
    "undo": "record",
    "delete": "record",
    "export": "data",
    "import": "data",
    "restore": "data",
    "check": "data",
    "streak": "insights",
    "history": "insights",
    "trend": "insights",
    "calendar": "insights",
    "report": "insights",
    "nudge": "insights",
    "remind": "remind",
    "config": "config",
}
