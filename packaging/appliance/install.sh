#!/usr/bin/env bash
# Install, upgrade or remove the Tiketnitsa appliance on a Debian box as a systemd service.
#
#   sudo ./install.sh [--host 0.0.0.0] [--port 8443] [--lang ru|en]
#   sudo ./install.sh --uninstall [--purge-data]
#
# Where it installs from:
#   - from an offline bundle (this script beside a wheels/ folder, as in
#     tiketnitsa-<version>-<platform>.tar.gz): no network at all; needs only Debian's python3
#     and python3-venv;
#   - from a source checkout (packaging/appliance/install.sh): installs python3-venv with apt
#     if it is missing, and the appliance with pip (network).
# The .deb's maintainer scripts run it with --from-package (the unit and the command's link
# are then the package's files).
#
# It creates the system user 'tiketnitsa', a virtual environment /opt/tiketnitsa/venv, the data
# directory /var/lib/tiketnitsa (0700) initialised with 'tiketnitsa init' (the first admin's
# password is printed once), and enables the service. Running it again upgrades the code and
# restarts the service; it never touches existing data. --uninstall removes the program and
# the service and keeps the data (and the user owning it) unless --purge-data is given.
set -euo pipefail

HOST=0.0.0.0
PORT=8443
LANG_DEFAULT=ru
ACTION=install
PURGE_DATA=no
FROM_PACKAGE=no
while [ $# -gt 0 ]; do
    case "$1" in
        --host) HOST=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --lang) LANG_DEFAULT=$2; shift 2 ;;
        --uninstall) ACTION=uninstall; shift ;;
        --purge-data) PURGE_DATA=yes; shift ;;
        --from-package) FROM_PACKAGE=yes; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo)" >&2; exit 1; }
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=/opt/tiketnitsa
DATA=/var/lib/tiketnitsa
USER_NAME=tiketnitsa
UNIT=/etc/systemd/system/tiketnitsa.service
LINK=/usr/local/bin/tiketnitsa

systemd_running() { [ -d /run/systemd/system ]; }

uninstall() {
    if systemd_running; then
        systemctl disable --now tiketnitsa 2>/dev/null || true
    elif command -v systemctl >/dev/null; then
        systemctl disable tiketnitsa 2>/dev/null || true
    fi
    if [ "$FROM_PACKAGE" = no ]; then
        rm -f "$UNIT" "$LINK"
        systemd_running && systemctl daemon-reload
    fi
    rm -rf "$PREFIX/venv"
    rm -f "$PREFIX/README.md"
    rmdir "$PREFIX" 2>/dev/null || true
    if [ "$PURGE_DATA" = yes ]; then
        rm -rf "$DATA" /etc/tiketnitsa
        if id "$USER_NAME" >/dev/null 2>&1; then userdel "$USER_NAME"; fi
        echo "Tiketnitsa removed, with its data."
    else
        echo "Tiketnitsa removed. The data is kept in $DATA (remove it with --purge-data)."
    fi
}

if [ "$ACTION" = uninstall ]; then
    uninstall
    exit 0
fi

# Where the code comes from: a bundle's wheels (offline), else the source tree (pip, network).
if [ -d "$HERE/wheels" ]; then
    WHEELS="$HERE/wheels"
    SOURCE=
    README="$HERE/README.md"
    UNIT_FILE="$HERE/tiketnitsa.service"
    WANT_PY=$(sed -n 's/^python=//p' "$HERE/BUNDLE_INFO")
    WANT_ARCH=$(sed -n 's/^arch=//p' "$HERE/BUNDLE_INFO")
else
    WHEELS=
    SOURCE=$(cd "$HERE/../.." && pwd)
    README="$SOURCE/README.md"
    UNIT_FILE="$HERE/tiketnitsa.service"
    [ -f "$SOURCE/pyproject.toml" ] || { echo "no wheels/ beside $0 and no source tree" >&2; exit 1; }
fi

if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    if [ -n "$WHEELS" ]; then
        echo "python3 and python3-venv are needed: sudo apt-get install python3 python3-venv" >&2
        exit 1
    fi
    apt-get update -qq
    apt-get install -y -qq python3 python3-venv >/dev/null
fi
if [ -n "$WHEELS" ]; then
    HAVE_PY=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    HAVE_ARCH=$(uname -m)
    if [ "$HAVE_PY" != "$WANT_PY" ] || [ "$HAVE_ARCH" != "$WANT_ARCH" ]; then
        echo "this bundle is for Python $WANT_PY on $WANT_ARCH; this box has Python $HAVE_PY" \
            "on $HAVE_ARCH: use the bundle built for it" >&2
        exit 1
    fi
fi

id "$USER_NAME" >/dev/null 2>&1 ||
    useradd --system --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin "$USER_NAME"
install -d -m 0755 "$PREFIX" /etc/tiketnitsa
install -d -m 0700 -o "$USER_NAME" -g "$USER_NAME" "$DATA"

[ -x "$PREFIX/venv/bin/python" ] || python3 -m venv "$PREFIX/venv"
if [ -n "$WHEELS" ]; then
    "$PREFIX/venv/bin/pip" install --quiet --no-index --find-links "$WHEELS" --upgrade tiketnitsa
else
    "$PREFIX/venv/bin/pip" install --quiet --upgrade pip
    "$PREFIX/venv/bin/pip" install --quiet --upgrade "$SOURCE"
fi
install -m 0644 "$README" "$PREFIX/README.md"

if [ ! -f "$DATA/config.json" ]; then
    runuser -u "$USER_NAME" -- env TIKETNITSA_DATA="$DATA" \
        "$PREFIX/venv/bin/tiketnitsa" init --host "$HOST" --port "$PORT" --lang "$LANG_DEFAULT"
fi

if [ "$FROM_PACKAGE" = no ]; then
    install -m 0644 "$UNIT_FILE" "$UNIT"
    ln -sf "$PREFIX/venv/bin/tiketnitsa" "$LINK"
fi
if systemd_running; then
    systemctl daemon-reload
    systemctl enable tiketnitsa
    systemctl restart tiketnitsa
    echo "Tiketnitsa is running: https://$(hostname -f 2>/dev/null || hostname):$PORT/"
else
    # A container or a chroot: enable it for the next boot, say how to start it now.
    if command -v systemctl >/dev/null; then systemctl enable tiketnitsa 2>/dev/null || true; fi
    echo "systemd is not running here: start it with" \
        "'runuser -u $USER_NAME -- env TIKETNITSA_DATA=$DATA $PREFIX/venv/bin/tiketnitsa serve'"
fi
echo "Check it: sudo -u $USER_NAME TIKETNITSA_DATA=$DATA tiketnitsa doctor"
