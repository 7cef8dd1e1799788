"""Every colour of the theme that carries text or a badge meets WCAG AA (4.5:1) where it is
drawn: as text on white, on the page background and on the grey panels, and as a badge
background behind white text. The focus ring stands out (3:1, WCAG 1.4.11) against white and
against the header's primary blue."""

from __future__ import annotations

import pytest

from appliance.ui.common.theme import (
    BRAND_COLOURS,
    DARKENED_TEXT,
    FOCUS_RING,
    FOCUS_RING_ON_PRIMARY,
    LINK,
    PAGE_BACKGROUND,
    PRIMARY,
)

WHITE = "#ffffff"
GREY_PANEL = "#f5f5f5"  # Quasar's bg-grey-2: the viewer's toolbar, read-only notes


def luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula_matches_known_pairs() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert contrast("#9e9e9e", "#fafafa") == pytest.approx(2.56, abs=0.01)  # axe's figure


@pytest.mark.parametrize("name", sorted(BRAND_COLOURS))
def test_brand_colours_as_text_and_as_badges(name: str) -> None:
    colour = BRAND_COLOURS[name]
    for background in (WHITE, PAGE_BACKGROUND, GREY_PANEL):
        assert contrast(colour, background) >= 4.5, (name, colour, background)


@pytest.mark.parametrize("name", sorted(DARKENED_TEXT))
def test_darkened_quasar_shades_read_on_every_light_background(name: str) -> None:
    for background in (WHITE, PAGE_BACKGROUND, GREY_PANEL):
        assert contrast(DARKENED_TEXT[name], background) >= 4.5, (name, background)


def test_links_and_the_focus_ring() -> None:
    assert contrast(LINK, PAGE_BACKGROUND) >= 4.5
    assert contrast(FOCUS_RING, WHITE) >= 3.0
    assert contrast(FOCUS_RING_ON_PRIMARY, PRIMARY) >= 3.0  # in the header
