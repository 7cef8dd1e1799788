"""The screenshot of all monitors and the facts about this machine.

Encoding, chosen by measurement (tests/bench/test_client_bench.py prints the table): on a
1920×1080 desktop-like image WebP lossless at ``method=1, quality=75`` takes about as long as the
fastest PNG (zlib level 1-3) and is about a tenth of its size. Size matters twice here: every
screenshot is kept in the appliance's one database (and its backups), and a queued screenshot
waits in the outbox. Lossless because a technician zooms into error text.

Machine facts use psutil: it lists addresses and MACs per interface, boot time and disk usage the
same way on Windows and Linux (the standard library has no portable way to list a machine's
addresses), and PyInstaller bundles it without extra hooks.
"""

from __future__ import annotations

import getpass
import io
import ipaddress
import platform
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import mss
import psutil
from PIL import Image

from sync.hashing import sha256_hex
from sync.wire import MachineFacts, Screen

WEBP_OPTIONS: dict[str, object] = {"format": "WEBP", "lossless": True, "method": 1, "quality": 75}
WEBP_MEDIA_TYPE = "image/webp"
MAX_LISTED_ADDRESSES = 32


class CaptureError(Exception):
    """The screen could not be captured (no display, no permission). The message is for people."""


@dataclass(frozen=True)
class Screenshot:
    data: bytes
    media_type: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)


def grab_virtual_screen() -> Image.Image:
    """All monitors as one image: mss's monitor 0 is the bounding box of every screen."""
    try:
        with mss.MSS() as grabber:
            shot = grabber.grab(grabber.monitors[0])
    except Exception as exc:  # mss raises ScreenShotError, or the X library's own errors
        raise CaptureError(str(exc) or type(exc).__name__) from exc
    return Image.frombytes("RGB", shot.size, shot.bgra, "raw", "BGRX")


def encode_webp(image: Image.Image) -> Screenshot:
    out = io.BytesIO()
    image.save(out, **WEBP_OPTIONS)  # type: ignore[arg-type]
    return Screenshot(out.getvalue(), WEBP_MEDIA_TYPE, image.width, image.height)


def capture_screenshot() -> Screenshot:
    """Grab every monitor and encode it the chosen way."""
    return encode_webp(grab_virtual_screen())


def thumbnail(image: Image.Image, max_width: int, max_height: int) -> Image.Image:
    copy = image.copy()
    copy.thumbnail((max_width, max_height), Image.Resampling.BILINEAR)
    return copy


# -- machine facts ----------------------------------------------------------------------------


def screens() -> list[Screen]:
    """Each monitor's geometry in virtual-screen pixels (empty when there is no display)."""
    try:
        with mss.MSS() as grabber:
            monitors = grabber.monitors[1:]
    except Exception:
        return []
    return [Screen(x=m["left"], y=m["top"], width=m["width"], height=m["height"]) for m in monitors]


def _is_interesting_ip(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified)


def addresses() -> tuple[list[str], list[str]]:
    """(IP addresses, MAC addresses) of the machine's interfaces, loopback and link-local left
    out: what a technician types into a remote-desktop or DHCP console."""
    ips: list[str] = []
    macs: list[str] = []
    for _name, entries in sorted(psutil.net_if_addrs().items()):
        for entry in entries:
            if entry.family in (socket.AF_INET, socket.AF_INET6):
                if _is_interesting_ip(entry.address) and entry.address not in ips:
                    ips.append(entry.address.split("%")[0])
            elif entry.family == psutil.AF_LINK:
                mac = entry.address.replace("-", ":").lower()
                if mac and mac != "00:00:00:00:00:00" and mac not in macs:
                    macs.append(mac)
    return ips[:MAX_LISTED_ADDRESSES], macs[:MAX_LISTED_ADDRESSES]


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the password database
        return ""


def _free_disk(home: Path) -> int | None:
    try:
        return int(shutil.disk_usage(home).free)
    except OSError:
        return None


def machine_facts(home: Path | None = None) -> MachineFacts:
    """Facts for the technician: who and where, without asking the employee anything."""
    ips, macs = addresses()
    try:
        uptime: int | None = max(0, int(time.time() - psutil.boot_time()))
    except (OSError, RuntimeError):
        uptime = None
    return MachineFacts(
        hostname=socket.gethostname()[:255],
        os=platform.platform()[:255],
        os_user=_os_user()[:255],
        ips=ips,
        macs=macs,
        uptime_seconds=uptime,
        free_disk_bytes=_free_disk(home or Path.home()),
        screens=screens(),
    )
