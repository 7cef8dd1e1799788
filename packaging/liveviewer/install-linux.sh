#!/usr/bin/env bash
# Install LiveViewer on a Linux desktop: the programs, the menu entry, the desktop shortcut and
# the agent at logon (XDG autostart), and optionally the mass-deployment file.
#
#   sudo ./install-linux.sh --system [--from DIR] [--config liveviewer.toml]
#        ./install-linux.sh --user   [--from DIR] [--config liveviewer.toml]
#   ... --uninstall (with --system or --user)
#
# --system: /opt/liveviewer, the menu for everyone (/usr/share/applications), the agent at every
#           user's logon (/etc/xdg/autostart), and the shortcut on the desktop of every user in
#           /home and of users created later (/etc/skel).
# --user:   ~/.local/opt/liveviewer, this user's menu, autostart and desktop only.
# --from:   the folder holding LiveViewer and liveviewer-cli (default: beside this script).
# --config: copied beside the programs as liveviewer.toml: each user who starts LiveViewer is
#           then enrolled without typing a code (see packaging/liveviewer/README.md).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SCOPE=
FROM="$HERE"
CONFIG=
ACTION=install
while [ $# -gt 0 ]; do
    case "$1" in
        --system) SCOPE=system; shift ;;
        --user) SCOPE=user; shift ;;
        --from) FROM=$2; shift 2 ;;
        --config) CONFIG=$2; shift 2 ;;
        --uninstall) ACTION=uninstall; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
[ -n "$SCOPE" ] || { echo "say --system or --user" >&2; exit 2; }

if [ "$SCOPE" = system ]; then
    [ "$(id -u)" -eq 0 ] || { echo "--system needs root (sudo)" >&2; exit 1; }
    PREFIX=/opt/liveviewer
    APPS=/usr/share/applications
    AUTOSTART=/etc/xdg/autostart
else
    PREFIX="$HOME/.local/opt/liveviewer"
    APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
    AUTOSTART="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
fi

# The desktop folder of a user's home: xdg-user-dirs' setting, else ~/Desktop.
desktop_of() {
    local home=$1 dirs="$1/.config/user-dirs.dirs" line
    if [ -f "$dirs" ] && line=$(grep '^XDG_DESKTOP_DIR=' "$dirs"); then
        line=${line#XDG_DESKTOP_DIR=}
        line=${line//\"/}
        echo "${line/\$HOME/$home}"
    else
        echo "$home/Desktop"
    fi
}

# Every desktop this install puts the shortcut on: "owner folder" lines (the folder last: it
# may hold spaces, as "Рабочий стол" does).
desktops() {
    if [ "$SCOPE" = user ]; then
        echo "$(id -un) $(desktop_of "$HOME")"
        return
    fi
    echo "root /etc/skel/Desktop"
    local home
    for home in /home/*/; do
        home=${home%/}
        [ -d "$home" ] || continue
        echo "$(stat -c %U "$home") $(desktop_of "$home")"
    done
}

# A .desktop file with Exec pointing at where the program really is.
entry() {
    sed "s|^Exec=/opt/liveviewer/|Exec=$PREFIX/|" "$HERE/$1"
}

if [ "$ACTION" = uninstall ]; then
    rm -f "$APPS/liveviewer.desktop" "$AUTOSTART/liveviewer-agent.desktop"
    desktops | while read -r _owner folder; do rm -f "$folder/liveviewer.desktop"; done
    rm -rf "$PREFIX"
    echo "LiveViewer removed. Each user's requests and enrolment stay in their data folder."
    exit 0
fi

for program in LiveViewer liveviewer-cli; do
    [ -f "$FROM/$program" ] || { echo "no $FROM/$program: build it with 'make package'" >&2; exit 1; }
done
install -d -m 0755 "$PREFIX" "$APPS" "$AUTOSTART"
install -m 0755 "$FROM/LiveViewer" "$FROM/liveviewer-cli" "$PREFIX/"
if [ -n "$CONFIG" ]; then
    # Readable by the users it enrols; the code in it only enrols machines into one
    # organisation, for as many uses and days as the administrator gave it.
    install -m 0644 "$CONFIG" "$PREFIX/liveviewer.toml"
fi
entry liveviewer.desktop > "$APPS/liveviewer.desktop"
entry liveviewer-agent.desktop > "$AUTOSTART/liveviewer-agent.desktop"
chmod 0644 "$APPS/liveviewer.desktop" "$AUTOSTART/liveviewer-agent.desktop"
desktops | while read -r owner folder; do
    install -d -m 0755 "$folder"
    [ "$owner" = root ] || chown "$owner": "$folder"
    # Executable: GNOME and others launch a desktop file only when it is (and, on GNOME, once
    # the user chose "Allow Launching").
    entry liveviewer.desktop > "$folder/liveviewer.desktop"
    chmod 0755 "$folder/liveviewer.desktop"
    [ "$owner" = root ] || chown "$owner": "$folder/liveviewer.desktop"
done
echo "LiveViewer installed in $PREFIX ($SCOPE): menu, desktop shortcut, agent at logon."
[ -z "$CONFIG" ] || echo "Users are enrolled from $PREFIX/liveviewer.toml when they first start it."
