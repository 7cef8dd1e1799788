#!/usr/bin/env bash
# Build the offline bundle: dist/tiketnitsa-<version>-<platform>.tar.gz
#
#   packaging/appliance/build-bundle.sh [--python 3.11] [--arch x86_64] [--pip PIP]
#                                       [--out dist] [--build build/bundle]
#
# The bundle holds the appliance's wheel, every dependency as a wheel for the target Python and
# architecture (default: Debian 12's python3, 3.11, on this machine's architecture), install.sh,
# the systemd unit and the README. Installing from it needs no network (see install.sh).
# Building it does: the wheels come from PyPI.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PYVER=3.11
ARCH=$(uname -m)
PIP="$ROOT/.venv/bin/pip"
OUT="$ROOT/dist"
BUILD="$ROOT/build/bundle"
while [ $# -gt 0 ]; do
    case "$1" in
        --python) PYVER=$2; shift 2 ;;
        --arch) ARCH=$2; shift 2 ;;
        --pip) PIP=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --build) BUILD=$2; shift 2 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml" | head -n 1)
PYTAG="cp${PYVER/./}"
PLATFORM="linux-$ARCH-$PYTAG"
NAME="tiketnitsa-$VERSION-$PLATFORM"
STAGE="$BUILD/$NAME"

rm -rf "$BUILD"
mkdir -p "$STAGE/wheels" "$OUT"
# Our own wheel (pure Python), then every dependency for the target as binary wheels only:
# the office box has no compiler and no network.
"$PIP" wheel --quiet --no-deps --wheel-dir "$STAGE/wheels" "$ROOT"
"$PIP" download --quiet --dest "$STAGE/wheels" --only-binary=:all: \
    --python-version "$PYVER" --implementation cp --abi "$PYTAG" --abi abi3 --abi none \
    --platform "manylinux2014_$ARCH" --platform "manylinux_2_17_$ARCH" \
    --platform "manylinux_2_28_$ARCH" --platform any \
    "$STAGE"/wheels/tiketnitsa-"$VERSION"-*.whl

install -m 0755 "$ROOT/packaging/appliance/install.sh" "$STAGE/install.sh"
install -m 0644 "$ROOT/packaging/appliance/tiketnitsa.service" "$STAGE/tiketnitsa.service"
install -m 0644 "$ROOT/README.md" "$STAGE/README.md"
printf 'version=%s\npython=%s\narch=%s\n' "$VERSION" "$PYVER" "$ARCH" > "$STAGE/BUNDLE_INFO"

TARBALL="$OUT/$NAME.tar.gz"
tar -C "$(dirname "$STAGE")" --owner=0 --group=0 -czf "$TARBALL" "$NAME"
SIZE=$(du -k "$TARBALL" | cut -f1)
echo "bundle: $TARBALL ($((SIZE / 1024)) MiB, $(find "$STAGE/wheels" -name '*.whl' | wc -l) wheels)"
