"""`movecoach config`: show or change the settings."""

from __future__ import annotations

from typing import Annotated

import typer

from movecoach import cli
from movecoach.cli import JsonOpt, MovecoachGroup, emit, env_of, sub_app

app = sub_app(
    name="config",
    cls=MovecoachGroup,
    help="Show or change your settings (config.toml).",
    invoke_without_command=True,
)

KeyArg = Annotated[
    str,
    typer.Argument(
        metavar="KEY", help="A setting's name.", autocompletion=cli.completer("setting_keys")
    ),
]


@app.callback()
def config_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Show every setting with its value and where it comes from; or get, set, unset one."""
    if ctx.invoked_subcommand is not None:
        return
    from movecoach import actions

    env = env_of(ctx)
    rows = actions.settings_rows(env)
    emit(
        as_json,
        lambda: {
            "file": env.settings.path,
            "settings": [{k: v for k, v in row.items() if k != "shown"} for row in rows],
        },
        lambda render: render.settings_table(rows, env.settings.path),
    )


@app.command("get")
def config_get(ctx: typer.Context, key: KeyArg) -> None:
    """Print one setting's value."""
    from movecoach import actions

    cli.line(actions.setting_shown(env_of(ctx), key))


@app.command("set")
def config_set(
    key: KeyArg,
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE", help="The new value.", autocompletion=cli.complete_setting_value
        ),
    ],
) -> None:
    """Change one setting in config.toml (your comments stay)."""
    from movecoach import actions

    cli.line(f"{key} = {actions.set_setting(key, value)}")


@app.command("unset")
def config_unset(ctx: typer.Context, key: KeyArg) -> None:
    """Remove one setting from config.toml, so its default applies again."""
    from movecoach import actions

    env = env_of(ctx)
    default, was_set = actions.unset_setting(env, key)
    if was_set:
        cli.line(f"{key} = {default} (the default)")
    else:
        cli.line(f"{key} is not set in {env.settings.path}; it is already the default ({default})")


@app.command("path")
def config_path() -> None:
    """Print where config.toml lives."""
    from movecoach.store import paths

    cli.line(str(paths.config_file()))
