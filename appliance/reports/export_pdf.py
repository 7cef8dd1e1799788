"""A report as PDF (fpdf2) with the bundled DejaVu Sans (Cyrillic; licence beside it in
``fonts/``): landscape A4, the title and what the report covers, then each table with its header
repeated on every page, long text wrapped, page numbers in the footer.

Work at the user's request is red text on a light red ground; alerts (breaches) red text; totals
bold. A row's ``group`` (the ticket an action belongs to) is printed as a shaded heading line
when it changes. Rows are drawn with fpdf2's low-level text calls and a cache of word widths:
``multi_cell`` per cell would take ten times as long for a month of 5,000 tickets.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import PDFResourceType
from fpdf.fonts import TTFFont

from appliance.i18n import t
from appliance.reports.cells import cell_text
from appliance.reports.document import Document, Row, Table

FONT_DIR = Path(__file__).with_name("fonts")
FONT = "DejaVu"
SIZE = 8.0
LINE = 3.6  # mm per text line
PAD = 1.0
MAX_LINES = 12  # a cell longer than this is cut with an ellipsis (the page is not a data dump)
RED = (192, 0, 0)
RED_GROUND = (255, 228, 230)
GROUP_GROUND = (232, 238, 245)
HEADER_GROUND = (220, 230, 241)
_NUMERIC = {"int", "minutes", "seconds", "percent"}
_BORDER = "0.745 0.776 0.816"  # cell rules, RGB 190 198 208


FOOTER_SIZE = 7.0
FOOTER_GREY = (110, 110, 110)


class _CharWidths(dict[str, float]):
    """Glyph widths of one font by character (thousandths of the size), filled on first use, so
    that a string's width is ``sum(map(widths.__getitem__, text))`` at C speed."""

    def __init__(self, font: TTFFont) -> None:
        super().__init__()
        self.cw = font.cw

    def __missing__(self, char: str) -> float:
        width = self[char] = self.cw[ord(char)]
        return width


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.zone = ZoneInfo(doc.time_zone)
        pdf = FPDF(orientation="L", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(10, 10, 10)
        pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.footer_text = f"{t('app.name', doc.lang)} — {doc.title}"
        pdf.set_title(doc.title)
        pdf.set_creator(t("app.name", doc.lang))
        self.pdf = pdf
        self.widths: dict[tuple[str, str], float] = {}
        self.tables: dict[str, dict[int, str | None]] = {"": {}, "B": {}}
        self.alignments: dict[str, list[bool]] = {}
        self.edges: dict[tuple[float, ...], list[str]] = {}
        self.known: dict[str, set[str]] = {"": set(), "B": set()}
        self.wraps: dict[tuple[str, float, str], list[str]] = {}
        self.fonts: dict[str, TTFFont] = {}
        self.char_widths: dict[str, _CharWidths] = {}
        self.operands: dict[str, dict[str, str]] = {"": {}, "B": {}}
        for style in ("", "B"):
            font = pdf.fonts[f"{FONT.lower()}{style}"]
            assert isinstance(font, TTFFont)  # the bundled TrueType fonts, never a core font
            self.fonts[style] = font
            self.char_widths[style] = _CharWidths(font)
        self.frames: dict[tuple[tuple[float, ...], int, tuple[int, int, int] | None], str] = {}
        self.baseline_texts: list[str] = []
        self.right_xs: dict[tuple[str, str, float], str] = {}
        self.colour_ops: dict[tuple[int, int, int], str] = {}
        self.bottom = pdf.h - 14
        self.mm_per_unit = SIZE * 0.001 / pdf.k

    def width(self, text: str, style: str) -> float:
        key = (text, style)
        found = self.widths.get(key)
        if found is None:
            found = sum(map(self.char_widths[style].__getitem__, text)) * self.mm_per_unit
            self.widths[key] = found
        return found

    def encoded(self, text: str, style: str) -> str:
        """The text as a string operand in the font's subset: what fpdf2's ``encode_text``
        gives, with each character's glyph picked once (a translation table per font) instead
        of once per character shown. Short texts (names, dates, durations) repeat from row to
        row and are kept whole."""
        operands = self.operands[style]
        found = operands.get(text)
        if found is not None:
            return found
        font, table = self.fonts[style], self.tables[style]
        for char in set(text).difference(self.known[style]):
            mapped = font.subset.pick(ord(char))
            # The glyph's code in the subset, already as the escaped UTF-16BE bytes (read as
            # Latin-1) that ``escape_text`` would give: one translate per string.
            table[ord(char)] = font.escape_text(chr(mapped)) if mapped is not None else None
            self.known[style].add(char)
        found = f"({text.translate(table)}) Tj"
        if len(text) <= 40:
            operands[text] = found
        return found

    def left_edges(self, cols: list[float]) -> list[str]:
        key = tuple(cols)
        found = self.edges.get(key)
        if found is None:
            found, x = [], self.pdf.l_margin
            for w in cols:
                found.append(f"{(x + PAD) * self.pdf.k:.2f}")
                x += w
            self.edges[key] = found
        return found

    def right_aligned(self, table: Table) -> list[bool]:
        found = self.alignments.get(table.key)
        if found is None:
            found = self.alignments[table.key] = [c.kind in _NUMERIC for c in table.columns]
        return found

    def use_fonts(self) -> None:
        """Declare both fonts on the current page: rows are drawn by content operators."""
        for font in self.fonts.values():
            self.pdf._resource_catalog.add(PDFResourceType.FONT, font.i, self.pdf.page)

    def wrap(self, text: str, room: float, style: str) -> list[str]:
        if "\n" not in text and self.width(text, style) <= room:
            return [text]
        key = (text, room, style)
        found = self.wraps.get(key)
        if found is None:
            found = self.wraps[key] = self._wrap(text, room, style)
        return found

    def _wrap(self, text: str, room: float, style: str) -> list[str]:
        lines: list[str] = []
        space = self.width(" ", style)
        for paragraph in text.split("\n") or [""]:
            line, used = "", 0.0
            for word in paragraph.split():
                w = self.width(word, style)
                while w > room and len(word) > 1:  # a word wider than the column: cut it
                    cut = max(1, int(len(word) * room / w))
                    if line:
                        lines.append(line)
                        line, used = "", 0.0
                    lines.append(word[:cut])
                    word = word[cut:]
                    w = self.width(word, style)
                if line and used + space + w > room:
                    lines.append(line)
                    line, used = word, w
                else:
                    line, used = (f"{line} {word}", used + space + w) if line else (word, w)
            lines.append(line)
        if len(lines) > MAX_LINES:
            lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1] + " …"]
        return lines

    # -- layout ------------------------------------------------------------------------------

    def title(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        self.use_fonts()
        pdf.set_font(FONT, "B", 14)
        pdf.set_text_color(36, 82, 122)
        pdf.cell(0, 8, self.doc.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(60, 60, 60)
        for line in self.doc.lines:
            pdf.multi_cell(0, 4.2, line, new_x="LMARGIN", new_y="NEXT")
        if self.doc.notice:
            pdf.ln(1)
            pdf.set_fill_color(232, 240, 250)
            pdf.set_text_color(20, 50, 90)
            pdf.multi_cell(0, 4.4, self.doc.notice, fill=True, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    def table(self, table: Table) -> None:
        pdf = self.pdf
        full = pdf.w - pdf.l_margin - pdf.r_margin
        weight = sum(c.width for c in table.columns)
        cols = [full * c.width / weight for c in table.columns]
        if pdf.get_y() + 24 > self.bottom:
            pdf.add_page()
            self.use_fonts()
        pdf.set_font(FONT, "B", 10.5)
        pdf.set_text_color(36, 82, 122)
        pdf.cell(0, 7, table.title, new_x="LMARGIN", new_y="NEXT")
        header = [
            self.wrap(c.title, w - 2 * PAD, "B") for c, w in zip(table.columns, cols, strict=True)
        ]
        self.header(table, cols, header)
        group: str | None = None
        if not table.rows:
            pdf.set_font(FONT, "", SIZE)
            pdf.set_text_color(110, 110, 110)
            pdf.cell(0, 6, t("reports.none", self.doc.lang), new_x="LMARGIN", new_y="NEXT")
        for row in table.rows:
            if row.group is not None and row.group != group:
                group = row.group
                self.group_line(group, full, table, cols, header)
            self.row(row, table, cols, header)
        if table.note:
            pdf.set_font(FONT, "", 7.5)
            pdf.set_text_color(90, 90, 90)
            pdf.multi_cell(0, 4, table.note, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)

    def header(self, table: Table, cols: list[float], header: list[list[str]]) -> None:
        self.draw(header, cols, table, style="B", ground=HEADER_GROUND, colour=(30, 30, 30))

    def new_page(self, table: Table, cols: list[float], header: list[list[str]]) -> None:
        self.pdf.add_page()
        self.use_fonts()
        self.header(table, cols, header)

    def group_line(
        self, text: str, full: float, table: Table, cols: list[float], header: list[list[str]]
    ) -> None:
        lines = self.wrap(text, full - 2 * PAD, "B")
        if self.pdf.get_y() + len(lines) * LINE + 2 * PAD + LINE * 2 > self.bottom:
            self.new_page(table, cols, header)
        self.draw(
            [lines],
            [full],
            table,
            style="B",
            ground=GROUP_GROUND,
            colour=(20, 40, 70),
            numeric=[False],
        )

    def row(self, row: Row, table: Table, cols: list[float], header: list[list[str]]) -> None:
        style = "B" if row.tone == "total" else ""
        texts = [
            self.wrap(cell_text(v, c.kind, self.doc.lang, self.zone), w - 2 * PAD, style)
            for v, c, w in zip(row.values, table.columns, cols, strict=True)
        ]
        height = max(len(lines) for lines in texts) * LINE + 2 * PAD
        if self.pdf.get_y() + height > self.bottom:
            self.new_page(table, cols, header)
        ground = RED_GROUND if row.tone == "additional" else None
        colour = RED if row.tone in ("additional", "alert") else (20, 20, 20)
        self.draw(texts, cols, table, style=style, ground=ground, colour=colour)

    def draw(
        self,
        texts: list[list[str]],
        cols: list[float],
        table: Table,
        *,
        style: str,
        ground: tuple[int, int, int] | None,
        colour: tuple[int, int, int],
        numeric: list[bool] | None = None,
    ) -> None:
        """One row: its ground and cell rules, then its text in one text object, all drawn
        relative to the row's top left corner (one ``cm``), so that everything but that one
        position is the same text from row to row and is formatted once. Formatting numbers
        was most of a row's cost."""
        pdf, k = self.pdf, self.pdf.k
        right = numeric if numeric is not None else self.right_aligned(table)
        count = max(map(len, texts))
        y = pdf.get_y()
        ops = [
            f"q 1 0 0 1 0 {(pdf.h - y) * k:.2f} cm",
            self.frame(cols, count, ground),
            f"{self.colour_op(colour)} BT /F{self.fonts[style].i} {SIZE:.2f} Tf",
        ]
        baselines = self.baselines(count)
        lefts = self.left_edges(cols)
        x = pdf.l_margin
        for lines, w, align_right, left_text in zip(texts, cols, right, lefts, strict=True):
            for index, line in enumerate(lines):
                if not line:
                    continue
                tx = self.right_edge_x(line, style, x + w - PAD) if align_right else left_text
                ops.append(f"1 0 0 1 {tx} {baselines[index]} Tm {self.encoded(line, style)}")
            x += w
        ops.append("ET Q")
        pdf._out(" ".join(ops))
        pdf.set_y(y + count * LINE + 2 * PAD)

    def frame(self, cols: list[float], count: int, ground: tuple[int, int, int] | None) -> str:
        """A row's ground (if any) and its rules: under the row and at both ends (columns are
        told apart by their padding), for a row of ``count`` lines, from its top left corner."""
        key = (tuple(cols), count, ground)
        found = self.frames.get(key)
        if found is None:
            k = self.pdf.k
            left, right = self.pdf.l_margin * k, (self.pdf.l_margin + sum(cols)) * k
            bottom = -(count * LINE + 2 * PAD) * k
            found = (
                f"q {_BORDER} RG 0.43 w {left:.2f} {bottom:.2f} m {right:.2f} {bottom:.2f} l"
                f" {left:.2f} 0 m {left:.2f} {bottom:.2f} l"
                f" {right:.2f} 0 m {right:.2f} {bottom:.2f} l S Q"
            )
            if ground is not None:
                found = (
                    f"q {_rgb(ground)} rg {left:.2f} 0 {right - left:.2f} {bottom:.2f} re f Q "
                    + found
                )
            self.frames[key] = found
        return found

    def baselines(self, count: int) -> list[str]:
        while len(self.baseline_texts) < count:
            index = len(self.baseline_texts)
            self.baseline_texts.append(f"{-(PAD + LINE * (index + 0.78)) * self.pdf.k:.2f}")
        return self.baseline_texts

    def right_edge_x(self, line: str, style: str, edge: float) -> str:
        key = (line, style, edge)
        found = self.right_xs.get(key)
        if found is None:
            found = self.right_xs[key] = f"{(edge - self.width(line, style)) * self.pdf.k:.2f}"
        return found

    def colour_op(self, colour: tuple[int, int, int]) -> str:
        found = self.colour_ops.get(colour)
        if found is None:
            found = self.colour_ops[colour] = f"{_rgb(colour)} rg"
        return found

    def footers(self) -> None:
        """'Name — title   page/pages' at the foot of every page, written once the number of
        pages is known: fpdf2's footer() per page, with its alias for the total, cost a
        quarter of a month's PDF."""
        pdf, k = self.pdf, self.pdf.k
        total = pdf.pages_count
        font = self.fonts[""]
        right = pdf.w - pdf.r_margin - PAD
        baseline = f"{(10 - 2.5 - 0.3 * FOOTER_SIZE / k) * k:.2f}"
        scale = FOOTER_SIZE / SIZE
        head = f"q {_rgb(FOOTER_GREY)} rg BT /F{font.i} {FOOTER_SIZE:.2f} Tf 1 0 0 1"
        last = pdf.page
        for number in range(1, total + 1):
            text = f"{self.footer_text}   {number}/{total}"
            x = (right - self.width(text, "") * scale) * k
            pdf.page = number  # _out writes to the current page
            pdf._out(f"{head} {x:.2f} {baseline} Tm {self.encoded(text, '')} ET Q")
        pdf.page = last


def _rgb(colour: tuple[int, int, int]) -> str:
    return " ".join(f"{c / 255:.3f}" for c in colour)


def render(doc: Document) -> bytes:
    writer = _Writer(doc)
    writer.title()
    for table in doc.tables:
        if table.in_pdf:
            writer.table(table)
    writer.footers()
    return bytes(writer.pdf.output())
