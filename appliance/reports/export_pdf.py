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


class _Pdf(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, "", 7)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, f"{self.footer_text}   {self.page_no()}/{{nb}}", align="R")


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.zone = ZoneInfo(doc.time_zone)
        pdf = _Pdf(orientation="L", unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(10, 10, 10)
        pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdf.footer_text = f"{t('app.name', doc.lang)} — {doc.title}"
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
        for style in ("", "B"):
            font = pdf.fonts[f"{FONT.lower()}{style}"]
            assert isinstance(font, TTFFont)  # the bundled TrueType fonts, never a core font
            self.fonts[style] = font
        self.bottom = pdf.h - 14

    def width(self, text: str, style: str) -> float:
        key = (text, style)
        found = self.widths.get(key)
        if found is None:
            cw = self.fonts[style].cw
            found = sum(cw[ord(c)] for c in text) * SIZE * 0.001 / self.pdf.k
            self.widths[key] = found
        return found

    def encoded(self, text: str, style: str) -> str:
        """The text as a string operand in the font's subset: what fpdf2's ``encode_text``
        gives, with each character's glyph picked once (a translation table per font) instead
        of once per character shown."""
        font, table = self.fonts[style], self.tables[style]
        for char in set(text).difference(self.known[style]):
            mapped = font.subset.pick(ord(char))
            # The glyph's code in the subset, already as the escaped UTF-16BE bytes (read as
            # Latin-1) that ``escape_text`` would give: one translate per string.
            table[ord(char)] = font.escape_text(chr(mapped)) if mapped is not None else None
            self.known[style].add(char)
        return f"({text.translate(table)}) Tj"

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
        """One row as three runs of content operators: its ground, its cell borders, its
        text (absolute text matrices in one text object)."""
        pdf, k = self.pdf, self.pdf.k
        right = numeric if numeric is not None else self.right_aligned(table)
        height = max(len(lines) for lines in texts) * LINE + 2 * PAD
        x0, y = pdf.l_margin, pdf.get_y()
        top, h = (pdf.h - y) * k, -height * k
        ops: list[str] = []
        if ground is not None:
            ops.append(
                f"q {_rgb(ground)} rg {x0 * k:.2f} {top:.2f} {sum(cols) * k:.2f} {h:.2f} re f Q"
            )
        # A rule under the row and at both ends; columns are told apart by their padding.
        left, right_end, bottom = x0 * k, (x0 + sum(cols)) * k, top + h
        ops.append(
            f"q {_BORDER} RG 0.43 w {left:.2f} {bottom:.2f} m {right_end:.2f} {bottom:.2f} l"
            f" {left:.2f} {top:.2f} m {left:.2f} {bottom:.2f} l"
            f" {right_end:.2f} {top:.2f} m {right_end:.2f} {bottom:.2f} l S Q"
        )
        ops.append(f"q {_rgb(colour)} rg BT /F{self.fonts[style].i} {SIZE:.2f} Tf")
        # Positions as text once per row (baselines) and per table (left edges): formatting
        # numbers is most of a row's cost.
        baselines = [
            f"{(pdf.h - y - PAD - LINE * (index + 0.78)) * k:.2f}"
            for index in range(max(len(lines) for lines in texts))
        ]
        lefts = self.left_edges(cols)
        x = x0
        for lines, w, align_right, left_text in zip(texts, cols, right, lefts, strict=True):
            for index, line in enumerate(lines):
                if not line:
                    continue
                if align_right:
                    tx = f"{(x + w - PAD - self.width(line, style)) * k:.2f}"
                else:
                    tx = left_text
                ops.append(f"1 0 0 1 {tx} {baselines[index]} Tm {self.encoded(line, style)}")
            x += w
        ops.append("ET Q")
        pdf._out(" ".join(ops))
        pdf.set_y(y + height)


def _rgb(colour: tuple[int, int, int]) -> str:
    return " ".join(f"{c / 255:.3f}" for c in colour)


def render(doc: Document) -> bytes:
    writer = _Writer(doc)
    writer.title()
    for table in doc.tables:
        if table.in_pdf:
            writer.table(table)
    return bytes(writer.pdf.output())
