"""Decoding a whole PNG or WebP to prove it is sound, without holding its pixels.

Pillow's ``load()`` materialises every pixel (4 bytes each for RGB and RGBA PNGs; for WebP its
animation decoder keeps a canvas, the previous canvas and Pillow's own copy: about 16 bytes a
pixel, 400 MB for a 25 MP screenshot). A check needs to know that the image decodes, not its
pixels:

- **PNG**: the concatenated IDAT stream is inflated in 1 MiB pieces and thrown away as it goes;
  it must inflate without error to at least the size the header implies (rows of
  ``1 + ceil(width x bits / 8)`` bytes, per Adam7 pass when interlaced), and every row must
  start with a valid filter type (0-4). That is what decoding can fail on; un-filtering the rows
  cannot fail. Chunk CRCs are checked by Pillow's ``verify()`` before.
- **WebP**: libwebp's own ``WebPDecode`` with scaling to 1/8 in each direction: every bit of the
  bitstream is decoded, and the output is 1/64 of the image. A lossy (VP8) image then needs only
  a few rows of working memory; a lossless (VP8L) one keeps its ARGB pixels (4 bytes each: the
  format refers back to any earlier pixel), once. The library is the one Pillow ships (or the
  system's), called through ctypes; animated WebPs are refused (a screenshot is one picture).

Each function returns None when the image is sound and raises ``ValueError`` when it is not.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import struct
import zlib
from functools import cache
from pathlib import Path

import PIL

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# (x start, y start, x step, y step) of the seven Adam7 passes.
_ADAM7 = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)
_PIECE = 1024 * 1024


def _row_runs(
    width: int, height: int, bits_per_pixel: int, interlaced: bool
) -> list[tuple[int, int]]:
    """(row length with its filter byte, number of rows) of the image's scanlines, in order."""
    passes = _ADAM7 if interlaced else ((0, 0, 1, 1),)
    runs = []
    for x0, y0, dx, dy in passes:
        w = (width - x0 + dx - 1) // dx if width > x0 else 0
        h = (height - y0 + dy - 1) // dy if height > y0 else 0
        if w and h:
            runs.append((1 + (w * bits_per_pixel + 7) // 8, h))
    return runs


def _idat_stream(data: bytes) -> tuple[bytes, list[memoryview]]:
    """The IHDR payload and the IDAT payloads (views into ``data``, not copies)."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG")
    view = memoryview(data)
    pos = len(_PNG_SIGNATURE)
    ihdr = b""
    idats: list[memoryview] = []
    while pos + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        start = pos + 8
        end = start + length
        if end + 4 > len(data):
            raise ValueError("truncated chunk")
        if kind == b"IHDR":
            ihdr = bytes(view[start:end])
        elif kind == b"IDAT":
            idats.append(view[start:end])
        elif kind == b"IEND":
            break
        pos = end + 4
    if len(ihdr) != 13 or not idats:
        raise ValueError("no header or no image data")
    return ihdr, idats


def check_png(data: bytes) -> None:
    """Inflate the PNG's image data in bounded pieces and check every scanline's filter byte."""
    ihdr, idats = _idat_stream(data)
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
    if color not in _CHANNELS or width == 0 or height == 0:
        raise ValueError("bad header")
    runs = _row_runs(width, height, _CHANNELS[color] * depth, interlace == 1)
    inflater = zlib.decompressobj()
    # Positions in the inflated stream: where the next filter byte is, how much was inflated.
    state = {"run": 0, "rows_left": runs[0][1], "next_filter": 0, "inflated": 0}

    def complete(piece: bytes) -> bool:
        """Check the filter bytes that fall in ``piece``; True once every row is inflated."""
        start, end = state["inflated"], state["inflated"] + len(piece)
        while state["run"] < len(runs) and state["next_filter"] < end:
            row_len = runs[state["run"]][0]
            first = state["next_filter"] - start
            count = min(state["rows_left"], (end - state["next_filter"] + row_len - 1) // row_len)
            # This run's filter bytes inside the piece, read with one strided slice.
            if max(piece[first : first + (count - 1) * row_len + 1 : row_len]) > 4:
                raise ValueError("bad filter type")
            state["rows_left"] -= count
            state["next_filter"] += count * row_len
            if state["rows_left"] == 0:
                state["run"] += 1
                if state["run"] < len(runs):
                    state["rows_left"] = runs[state["run"]][1]
        state["inflated"] = end
        return state["run"] == len(runs) and state["next_filter"] <= end

    try:
        for idat in idats:
            pending: bytes | memoryview = idat
            while pending and not inflater.eof:
                if complete(inflater.decompress(pending, _PIECE)):
                    return
                pending = inflater.unconsumed_tail
    except zlib.error as exc:
        raise ValueError("bad image data") from exc
    raise ValueError("truncated image data")


# -- WebP through libwebp ------------------------------------------------------------------------


class _Features(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("has_alpha", ctypes.c_int),
        ("has_animation", ctypes.c_int),
        ("format", ctypes.c_int),
        ("pad", ctypes.c_uint32 * 5),
    ]


class _YUVA(ctypes.Structure):
    _fields_ = [
        ("y", ctypes.c_void_p),
        ("u", ctypes.c_void_p),
        ("v", ctypes.c_void_p),
        ("a", ctypes.c_void_p),
        ("y_stride", ctypes.c_int),
        ("u_stride", ctypes.c_int),
        ("v_stride", ctypes.c_int),
        ("a_stride", ctypes.c_int),
        ("y_size", ctypes.c_size_t),
        ("u_size", ctypes.c_size_t),
        ("v_size", ctypes.c_size_t),
        ("a_size", ctypes.c_size_t),
    ]


class _DecBuffer(ctypes.Structure):
    # The union's larger member (YUVA) stands for it: same size and alignment.
    _fields_ = [
        ("colorspace", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("is_external_memory", ctypes.c_int),
        ("u", _YUVA),
        ("pad", ctypes.c_uint32 * 4),
        ("private_memory", ctypes.c_void_p),
    ]


class _Options(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_int)
        for name in (
            "bypass_filtering",
            "no_fancy_upsampling",
            "use_cropping",
            "crop_left",
            "crop_top",
            "crop_width",
            "crop_height",
            "use_scaling",
            "scaled_width",
            "scaled_height",
            "use_threads",
            "dithering_strength",
            "flip",
            "alpha_dithering_strength",
        )
    ] + [("pad", ctypes.c_uint32 * 5)]


class _Config(ctypes.Structure):
    _fields_ = [("input", _Features), ("output", _DecBuffer), ("options", _Options)]


# decode.h: WEBP_DECODER_ABI_VERSION 0x0209 (libwebp 1.0-1.2; later ones accept any 0x02xx).
_ABI_VERSION = 0x0209
_MODE_RGBA = 1
_VP8_STATUS_OK = 0


@cache
def _libwebp() -> ctypes.CDLL | None:
    """Pillow's own libwebp (the one it decodes with), else the system's; None without one."""
    candidates = sorted((Path(PIL.__file__).parent.parent / "pillow.libs").glob("libwebp-*.so*"))
    system = ctypes.util.find_library("webp")
    names = [str(p) for p in candidates] + ([system] if system else [])
    for name in names:
        try:
            lib = ctypes.CDLL(name)
            lib.WebPInitDecoderConfigInternal.argtypes = [ctypes.POINTER(_Config), ctypes.c_int]
            lib.WebPGetFeaturesInternal.argtypes = [
                ctypes.c_char_p,
                ctypes.c_size_t,
                ctypes.POINTER(_Features),
                ctypes.c_int,
            ]
            lib.WebPDecode.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_Config)]
            lib.WebPFreeDecBuffer.argtypes = [ctypes.POINTER(_DecBuffer)]
            return lib
        except (OSError, AttributeError):
            continue
    return None


def webp_check_available() -> bool:
    return _libwebp() is not None


def check_webp(data: bytes) -> None:
    """Decode the whole WebP bitstream at 1/8 scale; ``ValueError`` when it does not decode.
    Raises ``RuntimeError`` when no libwebp can be loaded (the caller decodes otherwise)."""
    lib = _libwebp()
    if lib is None:
        raise RuntimeError("libwebp is not available")
    config = _Config()
    if not lib.WebPInitDecoderConfigInternal(ctypes.byref(config), _ABI_VERSION):
        raise RuntimeError("libwebp refused the decoder ABI version")
    status = lib.WebPGetFeaturesInternal(data, len(data), ctypes.byref(config.input), _ABI_VERSION)
    if status != _VP8_STATUS_OK:
        raise ValueError(f"not a WebP (status {status})")
    if config.input.has_animation:
        raise ValueError("an animated WebP is not a screenshot")
    options = config.options
    options.use_scaling = 1
    options.scaled_width = max(1, config.input.width // 8)
    options.scaled_height = max(1, config.input.height // 8)
    config.output.colorspace = _MODE_RGBA
    status = lib.WebPDecode(data, len(data), ctypes.byref(config))
    lib.WebPFreeDecBuffer(ctypes.byref(config.output))
    if status != _VP8_STATUS_OK:
        raise ValueError(f"WebP does not decode (status {status})")
