"""A plain writer: the few shapes the views draw (styled text, label columns, tables, a box),
laid out without Rich.

Importing and running Rich's console cost a read command about as much as all its own work
(issue #17), for output that is only words in columns. These classes keep the names and the
calls of the Rich ones the views used (`Text.assemble`, `Table.add_column`, `Panel`, ...), so
a view reads the same, and lay out lines themselves: words wrap at spaces (a word longer
than the line breaks across lines, never cut), widths count terminal cells, and colour is a
few SGR codes. Each block can still be printed by a Rich console (`__rich_console__`), which
the live screen of `start` and the tests use.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement

Segment: TypeAlias = tuple[str, str]  # text and its style, in Rich's words ("bold yellow")
Line: TypeAlias = list[Segment]


def cell_len(text: str) -> int:
    """Columns the text takes on a terminal: wide (East Asian) characters two, combining
    marks none."""
    if text.isascii():
        return len(text)
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def line_len(line: Line) -> int:
    return sum(cell_len(text) for text, _ in line)


class Block:
    """What every block shares: printing through Rich when a Rich console asks for it."""

    def lines(self, width: int) -> list[Line]:
        raise NotImplementedError

    def measure(self) -> tuple[int, int]:
        """(narrowest, widest) width the block can take: its widest line at any width."""
        widest = max((line_len(line) for line in self.lines(10_000)), default=0)
        return widest, widest

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment as RichSegment

        for line in self.lines(options.max_width):
            for text, style in line:
                yield RichSegment(text, console.get_style(style) if style else None)
            yield RichSegment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        least, most = self.measure()
        return Measurement(min(least, options.max_width), min(most, options.max_width))


Renderable: TypeAlias = "Block | str"


def lines_of(renderable: Renderable, width: int) -> list[Line]:
    if isinstance(renderable, str):
        return Text(renderable).lines(width)
    return renderable.lines(width)


# --- text -----------------------------------------------------------------------------------

_WORD = re.compile(r" *[^ ]+ *")  # words part at spaces only: "30\u00a0%" stays whole


def _chop(text: str, start: int, width: int) -> tuple[int, int]:
    """How far a piece of at most `width` cells from `start` goes: (end, its cells)."""
    used = 0
    end = start
    while end < len(text):
        size = cell_len(text[end])
        if used + size > width and end > start:
            break
        used += size
        end += 1
    return end, used


def breaks(text: str, width: int) -> list[tuple[int, int]]:
    """Where one line (no newline) wraps at `width`: (start, end) of each piece. Words break
    at spaces; a word wider than the line is folded across lines."""
    width = max(1, width)
    if cell_len(text) <= width:
        return [(0, len(text))]
    pieces: list[tuple[int, int]] = []
    start, used = 0, 0
    for match in _WORD.finditer(text):
        word = match.group()
        body = cell_len(word.rstrip())
        if used + body <= width:
            used += cell_len(word)
            continue
        if used:  # the word starts the next line
            pieces.append((start, match.start()))
            start, used = match.start(), 0
        if body <= width:
            used = cell_len(word)
            continue
        stem = match.start() + len(word.rstrip())
        while True:  # a word wider than the line: fold it
            end, cells = _chop(text, start, width)
            if end >= stem:
                used = cells + cell_len(text[stem : match.end()])
                break
            pieces.append((start, end))
            start = end
    pieces.append((start, len(text)))
    return pieces


class Text(Block):
    """Words with styled spans, as Rich's `Text`: `assemble`, `append`, `plain`."""

    __slots__ = ("plain", "spans", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = text
        self.style = style
        self.spans: list[tuple[int, int, str]] = []

    @classmethod
    def assemble(cls, *parts: str | Text | tuple[str, str]) -> Text:
        text = cls()
        for part in parts:
            if isinstance(part, tuple):
                text.append(*part)
            else:
                text.append(part)
        return text

    def append(self, text: str | Text, style: str = "") -> Text:
        if isinstance(text, Text):
            return self.append_text(text)
        if style and text:
            self.spans.append((len(self.plain), len(self.plain) + len(text), style))
        self.plain += text
        return self

    def append_text(self, text: Text) -> Text:
        offset = len(self.plain)
        if text.style and text.plain:
            self.spans.append((offset, offset + len(text.plain), text.style))
        self.spans += [(start + offset, end + offset, style) for start, end, style in text.spans]
        self.plain += text.plain
        return self

    def __str__(self) -> str:
        return self.plain

    def __len__(self) -> int:
        return len(self.plain)

    def __repr__(self) -> str:
        return f"Text({self.plain!r}, {self.style!r})"

    def segments(self, start: int, end: int) -> Line:
        """The text from `start` to `end` as styled segments."""
        if not self.spans:
            return [(self.plain[start:end], self.style)]
        cuts = {start, end}
        for low, high, _ in self.spans:
            cuts.update(at for at in (low, high) if start < at < end)
        points = sorted(cuts)
        line: Line = []
        for low, high in itertools.pairwise(points):
            styles = [self.style, *(s for a, b, s in self.spans if a <= low and b >= high)]
            line.append((self.plain[low:high], " ".join(s for s in styles if s)))
        return line

    def lines(self, width: int) -> list[Line]:
        out: list[Line] = []
        offset = 0
        for part in self.plain.split("\n"):
            for start, end in breaks(part, width):
                stop = offset + start + len(part[start:end].rstrip(" "))
                out.append(self.segments(offset + start, max(stop, offset + start)))
            offset += len(part) + 1
        return out

    def measure(self) -> tuple[int, int]:
        words = self.plain.replace("\n", " ").split(" ")
        least = max((cell_len(word) for word in words), default=0)
        most = max((cell_len(part) for part in self.plain.split("\n")), default=0)
        return least, most


def as_text(renderable: str | Text) -> Text:
    return Text(renderable) if isinstance(renderable, str) else renderable


# --- groups, indents and the box ----------------------------------------------------------


class Group(Block):
    """Blocks one under another."""

    def __init__(self, *renderables: Renderable) -> None:
        self.renderables = renderables

    def lines(self, width: int) -> list[Line]:
        return [line for part in self.renderables for line in lines_of(part, width)]

    def measure(self) -> tuple[int, int]:
        sizes = [measure(part) for part in self.renderables]
        return max((s[0] for s in sizes), default=0), max((s[1] for s in sizes), default=0)


def measure(renderable: Renderable) -> tuple[int, int]:
    return as_text(renderable).measure() if isinstance(renderable, str) else renderable.measure()


class Padding(Block):
    """A block moved right by `pad[3]` columns (the only padding the views use)."""

    def __init__(self, renderable: Renderable, pad: tuple[int, int, int, int]) -> None:
        self.renderable = renderable
        self.indent = pad[3]

    def lines(self, width: int) -> list[Line]:
        room = max(1, width - self.indent)
        lead: Segment = (" " * self.indent, "")
        return [[lead, *line] for line in lines_of(self.renderable, room)]

    def measure(self) -> tuple[int, int]:
        least, most = measure(self.renderable)
        return least + self.indent, most + self.indent


class Panel(Block):
    """The words in a rounded box the width of the screen, a title at the left of its top
    edge."""

    def __init__(
        self,
        renderable: Renderable,
        title: str = "",
        border_style: str = "",
    ) -> None:
        self.renderable = renderable
        self.title = title
        self.border_style = border_style

    def lines(self, width: int) -> list[Line]:
        width = max(5, width)
        inner = width - 4
        edge = self.border_style
        title = f" {self.title} " if self.title else ""
        if cell_len(title) > width - 3:
            title = ""
        top: Line = [("╭─", edge), (title, edge), ("─" * (width - 3 - cell_len(title)), edge)]
        out = [[*top, ("╮", edge)]]
        for line in lines_of(self.renderable, inner):
            fill = (" " * (inner - line_len(line)), "")
            out.append([("│ ", edge), *line, fill, (" │", edge)])
        out.append([("╰" + "─" * (width - 2) + "╯", edge)])
        return out

    def measure(self) -> tuple[int, int]:
        least, most = measure(self.renderable)
        return least + 4, most + 4


# --- tables ---------------------------------------------------------------------------------


class Column:
    """A table column: its header and cells, how they line up and whether they may wrap."""

    def __init__(
        self,
        header: str = "",
        justify: str = "left",
        no_wrap: bool = False,
        style: str = "",
        min_width: int = 0,
    ) -> None:
        self.header = header
        self.justify = justify
        self.no_wrap = no_wrap
        self.style = style
        self.min_width = min_width
        self.cells: list[str | Text] = []

    def sizes(self, header: bool) -> tuple[int, int]:
        """(narrowest, widest) the column can be: a cell that may not wrap whole, else its
        longest word."""
        cells = [self.header, *self.cells] if header else self.cells
        least, most = 0, self.min_width
        for cell in cells:
            low, high = as_text(cell).measure()
            least, most = max(least, high if self.no_wrap else low), max(most, high)
        return max(least, self.min_width), max(most, least)


class Table(Block):
    """Rows in columns: a rule under the header (`rule`), one space between columns plus
    each cell's own padding; cells wrap at spaces when the screen is narrow."""

    def __init__(
        self,
        title: str | None = None,
        rule: bool = True,
        pads: tuple[int, int] = (0, 1),
        pad_edge: bool = True,
        show_header: bool = True,
        divider: int = 1,
        edge: bool = False,
    ) -> None:
        self.title = title
        self.rule = rule
        self.left, self.right = pads  # spaces left and right of each cell
        self.pad_edge = pad_edge
        self.show_header = show_header
        self.divider = divider
        self.edge = edge
        self.columns: list[Column] = []

    @classmethod
    def grid(cls, gap: int = 1) -> Table:
        """Columns `gap` apart, no header and no rule."""
        return cls(rule=False, pads=(0, 0), show_header=False, divider=gap)

    def add_column(
        self,
        header: str = "",
        justify: str = "left",
        no_wrap: bool = False,
        style: str = "",
        min_width: int = 0,
    ) -> None:
        self.columns.append(Column(header, justify, no_wrap, style, min_width))

    def add_row(self, *cells: str | Text) -> None:
        for column, cell in zip(self.columns, cells, strict=True):
            column.cells.append(cell)

    def _pads(self) -> list[tuple[int, int]]:
        last = len(self.columns) - 1
        return [
            (
                0 if i == 0 and not self.pad_edge else self.left,
                0 if i == last and not self.pad_edge else self.right,
            )
            for i in range(len(self.columns))
        ]

    def _extra(self) -> int:
        """Columns taken by padding, dividers and edges."""
        pads = sum(a + b for a, b in self._pads())
        return pads + self.divider * (len(self.columns) - 1) + (2 if self.edge else 0)

    def minimum(self) -> int:
        """The narrowest width that shows every cell whole."""
        return sum(c.sizes(self.show_header)[0] for c in self.columns) + self._extra()

    def measure(self) -> tuple[int, int]:
        sizes = [c.sizes(self.show_header) for c in self.columns]
        extra = self._extra()
        return sum(s[0] for s in sizes) + extra, sum(s[1] for s in sizes) + extra

    def widths(self, width: int) -> list[int]:
        """Each column's width: as wide as its widest cell, and where that does not fit, the
        widest wrapping columns narrowed first, none below its longest word."""
        sizes = [c.sizes(self.show_header) for c in self.columns]
        widths = [most for _, most in sizes]
        room = width - self._extra()
        while sum(widths) > room:
            narrowable = [
                i for i, c in enumerate(self.columns) if not c.no_wrap and widths[i] > sizes[i][0]
            ]
            if not narrowable:
                break
            widest = max(narrowable, key=lambda i: widths[i])
            others = [widths[i] for i in narrowable if widths[i] < widths[widest]]
            target = max(others, default=0)
            excess = sum(widths) - room
            widths[widest] = max(sizes[widest][0], target, widths[widest] - excess)
        excess = sum(widths) - room
        for i in sorted(range(len(widths)), key=lambda i: -widths[i]):  # a last resort: fold
            if excess <= 0:
                break
            cut = min(excess, widths[i] - 1)
            widths[i] -= cut
            excess -= cut
        return widths

    def lines(self, width: int) -> list[Line]:
        widths = self.widths(width)
        pads = self._pads()
        gap: Segment = (" " * self.divider, "")
        out: list[Line] = Text(self.title, style="bold").lines(width) if self.title else []
        if self.edge:  # Rich's edges of a `SIMPLE_HEAD` box: a blank line above and below
            out.append([])
        if self.show_header:
            heads = [Text(c.header, style="bold") for c in self.columns]
            out += self._row(heads, widths, pads, gap, header=True)
            if self.rule:
                ruled = sum(widths) + self._extra() - (2 if self.edge else 0)
                out.append([(" " if self.edge else "", ""), ("─" * ruled, "")])
        for row in zip(*(c.cells for c in self.columns), strict=True):
            out += self._row(row, widths, pads, gap)
        if self.edge:
            out.append([])
        return out

    def _row(
        self,
        row: Sequence[str | Text],
        widths: list[int],
        pads: list[tuple[int, int]],
        gap: Segment,
        header: bool = False,
    ) -> list[Line]:
        cells = []
        for column, cell, size in zip(self.columns, row, widths, strict=True):
            text = as_text(cell)
            if column.style and not header:
                text = _restyled(text, column.style)
            cells.append([_justify(line, size, column.justify) for line in text.lines(size)])
        height = max((len(c) for c in cells), default=1)
        out: list[Line] = []
        for n in range(height):
            line: Line = [(" ", "")] if self.edge else []
            for i, (drawn, size, (left, right)) in enumerate(zip(cells, widths, pads, strict=True)):
                if i:
                    line.append(gap)
                body = drawn[n] if n < len(drawn) else [(" " * size, "")]
                line += [(" " * left, ""), *body, (" " * right, "")]
            out.append(line)
        return out


def _restyled(text: Text, style: str) -> Text:
    """The text with a column's style under its own."""
    out = Text(text.plain, f"{style} {text.style}".strip())
    out.spans = text.spans
    return out


def _justify(line: Line, width: int, justify: str) -> Line:
    space = width - line_len(line)
    if space <= 0:
        return line
    if justify == "right":
        return [(" " * space, ""), *line]
    if justify == "center":
        return [(" " * (space // 2), ""), *line, (" " * (space - space // 2), "")]
    return [*line, (" " * space, "")]


class Fitted(Block):
    """A table on a screen wide enough for it; on a narrower one, one block per row (the
    first cell as its heading, then a `label: value` line for each other column that has a
    value), so no value is cut or dropped at any width."""

    def __init__(self, table: Table) -> None:
        self.title, table.title = table.title, None  # wrapped to the screen, above
        self.table = table

    def lines(self, width: int) -> list[Line]:
        out = Text(self.title, style="bold").lines(width) if self.title else []
        if self.table.minimum() <= width:
            return out + self.table.lines(width)
        for block in self._blocks():
            out += block.lines(width)
        return out

    def _blocks(self) -> Iterator[Block]:
        columns = self.table.columns
        for row in zip(*(c.cells for c in columns), strict=True):
            rows: list[tuple[str | Text, str | Text]] = []
            for column, cell in zip(columns[1:], row[1:], strict=True):
                if column.header and str(cell).strip():
                    rows.append((Text(f"{column.header}:", style="dim"), cell))
            yield Group(Text(str(row[0]), style="bold"), labelled(rows))

    def measure(self) -> tuple[int, int]:
        return self.table.measure()


def labelled(rows: Sequence[tuple[str | Text, str | Text]], indent: int = 2) -> Block:
    """Label and text in two columns, so a wrapped line stays under its own text."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    for label, text in rows:
        grid.add_row(label, text)
    return Padding(grid, (0, 0, 0, indent))


# --- writing --------------------------------------------------------------------------------

_SGR = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "reverse": "7",
    "black": "30",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "white": "37",
    "grey50": "90",
    "green4": "32",
    "green3": "32",
    "green1": "32",
    "bright_red": "91",
    "bright_green": "92",
    "bright_yellow": "93",
    "bright_blue": "94",
    "bright_magenta": "95",
    "bright_cyan": "96",
}


def sgr(style: str) -> str:
    """The escape code that starts `style` on a terminal ("" for no style)."""
    codes = [_SGR[word] for word in style.split() if word in _SGR]
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def render(renderable: Renderable, width: int, colour: bool) -> str:
    """The block as the terminal shows it: each line without trailing spaces, colour as SGR
    codes when `colour`."""
    out = []
    for line in lines_of(renderable, width):
        while line and not line[-1][0].strip():
            line = line[:-1]
        if line:
            text, style = line[-1]
            line = [*line[:-1], (text.rstrip(), style)]
        if colour:
            out.append("".join(f"{sgr(s)}{t}\x1b[0m" if sgr(s) else t for t, s in line))
        else:
            out.append("".join(text for text, _ in line))
    return "\n".join(out) + "\n"
