"""The plain writer: words wrap at spaces and are never lost, tables fit or become blocks,
colour only when asked, and Rich prints a block exactly as the writer does."""

from __future__ import annotations

import io
import itertools
import re

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from movecoach.ui.blocks import (
    Fitted,
    Group,
    Padding,
    Panel,
    Table,
    Text,
    breaks,
    cell_len,
    labelled,
    render,
)

WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz→é界", min_size=1, max_size=30),
    min_size=1,
    max_size=30,
)


def shown(block: object, width: int) -> list[str]:
    return render(block, width, colour=False).splitlines()  # type: ignore[arg-type]


@given(WORDS, st.integers(min_value=2, max_value=100))
def test_wrapping_keeps_every_word_in_order_and_within_the_width(
    words: list[str], width: int
) -> None:
    line = " ".join(words)
    lines = shown(Text(line), width)
    assert all(cell_len(piece) <= width for piece in lines)
    # nothing is lost or reordered: the pieces put back together are the words
    assert "".join(lines).replace(" ", "") == line.replace(" ", "")
    fitting = [w for w in words if cell_len(w) <= width]
    for word in fitting:  # a word that fits a line is never split across two
        assert any(word in piece for piece in lines)


@given(WORDS, st.integers(min_value=1, max_value=100))
def test_breaks_cover_the_line(words: list[str], width: int) -> None:
    line = " ".join(words)
    pieces = breaks(line, width)
    assert pieces[0][0] == 0
    assert pieces[-1][1] == len(line)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))


def test_a_non_breaking_space_holds_its_words_together() -> None:
    lines = shown(Text("not 2 points or 30\u00a0% lower"), 18)
    assert lines == ["not 2 points or", "30\u00a0% lower"]


def test_wide_characters_count_two_columns() -> None:
    assert cell_len("界") == 2
    assert cell_len("e\u0301") == 1
    assert cell_len("abc") == 3
    assert all(cell_len(line) <= 5 for line in shown(Text("界界界界界界"), 5))


def test_labelled_text_wraps_under_its_own_column() -> None:
    block = labelled([(Text("Dose:", style="bold"), "one two three four five six")])
    assert shown(block, 21) == ["  Dose: one two three", "        four five six"]


def test_styles_become_sgr_codes_only_in_colour() -> None:
    text = Text.assemble(("Caution:", "bold yellow"), " go gently")
    assert render(text, 80, colour=True) == "\x1b[1;33mCaution:\x1b[0m go gently\n"
    assert render(text, 80, colour=False) == "Caution: go gently\n"


def test_no_line_ends_in_spaces() -> None:
    table = Table()
    table.add_column("a")
    table.add_column("b")
    table.add_row("x", "")
    block = Group(table, Padding(Text("y   "), (0, 0, 0, 4)))
    assert all(line == line.rstrip() for line in shown(block, 40))


def sample_table() -> Table:
    table = Table(title="Weeks")
    table.add_column("week of", no_wrap=True)
    table.add_column("min", justify="right")
    table.add_column("note")
    table.add_row("01 Dec 2026", "30", "stiff in the morning, easier after the walk")
    table.add_row("08 Dec 2026", "5", "")
    return table


def test_a_table_lines_up_its_columns_under_a_rule() -> None:
    lines = shown(Fitted(sample_table()), 80)
    assert lines[0] == "Weeks"
    assert lines[1] == "week of      min  note"
    assert set(lines[2]) == {"─"}
    assert lines[3] == "01 Dec 2026   30  stiff in the morning, easier after the walk"
    assert lines[4] == "08 Dec 2026    5"


def test_a_table_wraps_its_wrapping_column_first() -> None:
    lines = shown(Fitted(sample_table()), 40)
    assert all(cell_len(line) <= 40 for line in lines)
    assert lines[3].startswith("01 Dec 2026   30  stiff")
    assert "walk" in "".join(lines)


def test_a_table_too_wide_for_the_screen_becomes_blocks() -> None:
    lines = shown(Fitted(sample_table()), 20)
    assert lines[:4] == ["Weeks", "01 Dec 2026", "  min:  30", "  note: stiff in the"]
    assert lines[-2:] == ["08 Dec 2026", "  min: 5"]  # an empty cell gets no line


@given(st.integers(min_value=12, max_value=120))
def test_a_panel_fills_the_width_and_holds_its_words(width: int) -> None:
    words = "Stop if pain turns sharp or new, spreads further down a leg, or you feel dizzy."
    lines = shown(Panel(Text(words), title="Stop safely"), width)
    assert all(cell_len(line) == width for line in lines)
    assert lines[0].startswith("╭─ Stop safely ─") or width < 17
    inside = " ".join(line[2:-2].strip() for line in lines[1:-1])
    assert inside.split() == words.split()  # no word is longer than the room inside


def rich_text(block: object, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(block)
    return console.export_text()


@given(st.integers(min_value=12, max_value=120))
def test_rich_prints_a_block_as_the_writer_does(width: int) -> None:
    block = Group(
        Fitted(sample_table()),
        Panel(labelled([("•", "ease slowly out of the position, then rest")]), title="Stop"),
    )
    drawn = [re.sub(r" +$", "", line) for line in rich_text(block, width).splitlines()]
    assert drawn == shown(block, width)
