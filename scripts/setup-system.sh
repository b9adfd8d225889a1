#!/bin/sh
# Install the system packages publish needs, only when they are missing.
# Debian/Ubuntu only; elsewhere it says what to install by hand.
set -eu

missing=""
fc-list 2>/dev/null | grep -q "Noto Serif CJK SC" || missing="$missing fonts-noto-cjk"
# Emoji in the text (📍 📖) have no glyph in the CJK fonts; fontconfig falls back to this one.
fc-list 2>/dev/null | grep -q "Noto Color Emoji" || missing="$missing fonts-noto-color-emoji"
if ! ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0"; then
    missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
fi
# WeasyPrint subsets fonts with HarfBuzz; without it subsetting is ~8x slower.
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so.0" || missing="$missing libharfbuzz-subset0"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
# fc-match finds the font files the EPUB cover and embedded subsets are made from.
command -v fc-match >/dev/null 2>&1 || missing="$missing fontconfig"
# Test-only tools (`setup-system.sh --test`): pdftotext measures line ends in the PDF tests,
# qpdf checks the PDFs' structure, headless Chromium opens the generated pages.
if [ "${1:-}" = "--test" ]; then
    command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
    command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fi

[ -z "$missing" ] && exit 0

echo "publish: installing system packages:$missing"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "publish: apt-get not found; install these packages by hand:$missing" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "publish: need root to install:$missing (re-run as root or install them by hand)" >&2
        exit 1
    fi
else
    SUDO=""
fi
# shellcheck disable=SC2086
$SUDO apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 || {
    $SUDO apt-get update >/dev/null
    $SUDO apt-get install -y --no-install-recommends $missing >/dev/null
}
fc-cache -f >/dev/null 2>&1 || true
