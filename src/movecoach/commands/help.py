"""Help beyond a session: `flare` (what to do in a flare-up) and `learn` (what is known
about back pain, a line at a time)."""

from __future__ import annotations

from typing import Any

import typer

from movecoach import cli
from movecoach.cli import JsonOpt, emit, env_of, flush_notes

app = cli.sub_app()


@app.command("flare")
def flare_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """What to do in a flare-up, and a 5-minute routine of the gentlest moves (in bed or on a
    chair); `movecoach start --flare` guides it."""
    from movecoach import actions
    from movecoach.core import flare, safety
    from movecoach.core.models import resolved_sources

    env = env_of(ctx)
    plan = actions.flare_plan(env)
    sources = actions.sources()
    flush_notes(ctx)
    numbers = safety.numbers_for(env.settings.country)

    def data() -> dict[str, Any]:
        return {
            "advice": [p.as_dict(numbers) for p in flare.ADVICE],
            "routine": plan.as_dict(sources),
            "sources": resolved_sources(flare.SOURCES, sources),
        }

    emit(as_json, data, lambda render: render.flare_view(plan, sources, env.settings.country))


@app.command("learn")
def learn_cmd(as_json: JsonOpt = False) -> None:
    """Short facts about back pain in plain words, each with its sources (`today` shows one
    a day)."""
    from movecoach import actions

    tips = actions.tips()
    sources = actions.sources()
    emit(
        as_json,
        lambda: [tip.as_dict(sources) for tip in tips],
        lambda render: render.learn_view(tips, sources),
    )
