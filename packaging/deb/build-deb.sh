#!/usr/bin/env bash
# Build dist/tiketnitsa_<version>_<arch>.deb from an unpacked offline bundle, with dpkg-deb only.
#
#   packaging/deb/build-deb.sh build/bundle/tiketnitsa-<version>-<platform> [--out dist]
#
# The package carries the bundle's wheels in /opt/tiketnitsa/wheels and runs the bundle's
# install.sh from its maintainer scripts: installing it needs no network either. Its
# architecture is the bundle's (the wheels of apsw-sqlite3mc, cryptography, pydantic-core... are
# compiled), so the file is tiketnitsa_<version>_amd64.deb on a PC, not _all.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BUNDLE=${1:?usage: build-deb.sh BUNDLE_DIR [--out DIR]}
shift
OUT="$HERE/../../dist"
while [ $# -gt 0 ]; do
    case "$1" in
        --out) OUT=$2; shift 2 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

VERSION=$(sed -n 's/^version=//p' "$BUNDLE/BUNDLE_INFO")
PYVER=$(sed -n 's/^python=//p' "$BUNDLE/BUNDLE_INFO")
case "$(sed -n 's/^arch=//p' "$BUNDLE/BUNDLE_INFO")" in
    x86_64) DEB_ARCH=amd64 ;;
    aarch64) DEB_ARCH=arm64 ;;
    *) echo "unknown architecture in $BUNDLE/BUNDLE_INFO" >&2; exit 1 ;;
esac
NEXT_PY="${PYVER%.*}.$((${PYVER#*.} + 1))"

ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
install -d "$ROOT/DEBIAN" "$ROOT/opt/tiketnitsa/wheels" "$ROOT/usr/share/tiketnitsa" \
    "$ROOT/usr/share/doc/tiketnitsa" "$ROOT/lib/systemd/system" "$ROOT/usr/bin"
install -m 0644 "$BUNDLE"/wheels/*.whl "$ROOT/opt/tiketnitsa/wheels/"
install -m 0755 "$BUNDLE/install.sh" "$ROOT/usr/share/tiketnitsa/install.sh"
install -m 0644 "$BUNDLE/BUNDLE_INFO" "$ROOT/usr/share/tiketnitsa/BUNDLE_INFO"
install -m 0644 "$BUNDLE/README.md" "$ROOT/usr/share/doc/tiketnitsa/README.md"
install -m 0644 "$BUNDLE/README.md" "$ROOT/usr/share/tiketnitsa/README.md"
install -m 0644 "$BUNDLE/tiketnitsa.service" "$ROOT/lib/systemd/system/tiketnitsa.service"
# install.sh looks for wheels/ beside itself.
ln -s /opt/tiketnitsa/wheels "$ROOT/usr/share/tiketnitsa/wheels"
ln -s /opt/tiketnitsa/venv/bin/tiketnitsa "$ROOT/usr/bin/tiketnitsa"
cat > "$ROOT/usr/share/doc/tiketnitsa/copyright" <<COPYRIGHT
Tiketnitsa help desk appliance. Proprietary; the bundled wheels keep their own licences.
COPYRIGHT

for script in postinst prerm postrm; do
    install -m 0755 "$HERE/$script" "$ROOT/DEBIAN/$script"
done
install -m 0644 "$HERE/templates" "$ROOT/DEBIAN/templates"
SIZE_KB=$(du -sk "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: tiketnitsa
Version: $VERSION
Architecture: $DEB_ARCH
Maintainer: Tiketnitsa <support@tiketnitsa.invalid>
Installed-Size: $SIZE_KB
Depends: python3 (>= $PYVER), python3 (<< $NEXT_PY), python3-venv, passwd, util-linux, debconf (>= 0.5) | debconf-2.0
Section: net
Priority: optional
Homepage: https://tiketnitsa.invalid/
Description: self-hosted help desk for small IT-outsourcing teams
 Tiketnitsa takes requests from the LiveViewer desktop client, tracks them with SLAs and
 serves the team's web interface. This package installs the appliance offline from the
 wheels it carries, as the systemd service "tiketnitsa" with its data in /var/lib/tiketnitsa.
CONTROL

mkdir -p "$OUT"
DEB="$OUT/tiketnitsa_${VERSION}_${DEB_ARCH}.deb"
# gzip: the wheels are zip files already; xz would take a minute to save a few percent.
dpkg-deb --root-owner-group -Zgzip --build "$ROOT" "$DEB" >/dev/null
echo "package: $DEB ($(( $(du -k "$DEB" | cut -f1) / 1024 )) MiB)"
