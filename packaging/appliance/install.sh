#!/usr/bin/env bash
# Install the Tiketnitsa appliance on a Debian box as a systemd service.
#
#   sudo packaging/appliance/install.sh [--host 0.0.0.0] [--port 443] [--lang ru|en]
#
# Creates the system user 'tiketnitsa', a virtual environment in /opt/tiketnitsa/venv with this
# source tree installed, the data directory /var/lib/tiketnitsa (0700) initialised with
# 'tiketnitsa init' (the first admin's password is printed once), and enables the service.
# Running it again upgrades the code and restarts the service; it never touches existing data.
set -euo pipefail

HOST=0.0.0.0
PORT=8443
LANG_DEFAULT=ru
while [ $# -gt 0 ]; do
    case "$1" in
        --host) HOST=$2; shift 2 ;;
        --port) PORT=$2; shift 2 ;;
        --lang) LANG_DEFAULT=$2; shift 2 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo)" >&2; exit 1; }
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX=/opt/tiketnitsa
DATA=/var/lib/tiketnitsa

apt-get update -qq
apt-get install -y -qq python3 python3-venv >/dev/null

id tiketnitsa >/dev/null 2>&1 || useradd --system --home-dir "$DATA" --shell /usr/sbin/nologin tiketnitsa
install -d -m 0755 "$PREFIX" /etc/tiketnitsa
install -d -m 0700 -o tiketnitsa -g tiketnitsa "$DATA"

[ -x "$PREFIX/venv/bin/python" ] || python3 -m venv "$PREFIX/venv"
"$PREFIX/venv/bin/pip" install --quiet --upgrade pip
"$PREFIX/venv/bin/pip" install --quiet "$SRC"
install -m 0644 "$SRC/README.md" "$PREFIX/README.md"

if [ ! -f "$DATA/config.json" ]; then
    runuser -u tiketnitsa -- env TIKETNITSA_DATA="$DATA" \
        "$PREFIX/venv/bin/tiketnitsa" init --host "$HOST" --port "$PORT" --lang "$LANG_DEFAULT"
fi

install -m 0644 "$SRC/packaging/appliance/tiketnitsa.service" /etc/systemd/system/tiketnitsa.service
ln -sf "$PREFIX/venv/bin/tiketnitsa" /usr/local/bin/tiketnitsa
systemctl daemon-reload
systemctl enable --now tiketnitsa
systemctl restart tiketnitsa
echo "Tiketnitsa is running: https://$(hostname -f 2>/dev/null || hostname):$PORT/"
echo "Admin commands: sudo -u tiketnitsa TIKETNITSA_DATA=$DATA tiketnitsa --help"
