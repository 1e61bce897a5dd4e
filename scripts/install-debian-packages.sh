#!/usr/bin/env bash
# Debian/Ubuntu packages the studio's tests (and its Linux development set-up) need.
# tests/setup/externalPrograms.test.ts checks that every program a test runs is listed here.
# Users of the desktop app need none of these: the app ships its own ffmpeg,
# speech engine and fonts, and finds an installed Chromium/Chrome/Edge.
#   chromium      prints PDFs, captures video frames, runs the UI tests (never downloaded by a tool)
#   chromium-headless-shell  the same Chromium without a browser UI, preferred for all of that
#                 (the packaged app ships one): a video build's process tree peaks ~470 MB lower
#   poppler-utils pdftotext/pdfinfo/pdffonts/pdftoppm to check PDFs
#   qpdf          qpdf --check on every PDF
#   gettext       msgfmt --check on exported PO files
#   espeak-ng     speaks test lines (a fake microphone in the UI tests, clips in the audio tests)
#   sox           measures audio in the audio tests
#   ffmpeg        an independent loudness meter (ebur128) for the audio tests; the studio itself uses Remotion's ffmpeg
#   unzip         checks the ZIP packages made for portals and channels
#   python3       reads CSV and XML as a receiver would (csv, xml.etree)
#   procps        ps: the benchmarks and kill tests look at process trees
#   coreutils util-linux  chmod and setpriv (the read-only library tests run a command as another user); mkfifo (a subtitle track fed to ffmpeg late, through a pipe)
#   mount         mount/umount: the reliability tests make a small full disk (tmpfs) and read-only folders (bind mounts)
#   bzip2         tar -j: the neural-voice tests add a voice from a .tar.bz2, as sherpa-onnx ships them
#   wordpress mariadb-server mariadb-client php-cli php-mysql
#                 a real WordPress the publishing tests start on 127.0.0.1 (nothing runs as a service)
#   fonts-noto-core fallback fonts for Chromium's own UI text
#   redis-server  a real Redis on 127.0.0.1 for the render-farm queue tests (started by the tests, not as a service)
#   epubcheck     validates the read-along EPUB 3 books
#   default-jre-headless  java: the tests run epubcheck's jar with it (/usr/bin/epubcheck does not start in every container)
#   ghostscript   gs: the optional CMYK PDF/X for print shops, and the tests that check it
set -euo pipefail
PACKAGES=(chromium chromium-headless-shell espeak-ng poppler-utils qpdf gettext sox ffmpeg unzip bzip2 tar python3 procps mount coreutils util-linux fonts-noto-core wordpress mariadb-server mariadb-client php-cli php-mysql redis-server epubcheck default-jre-headless ghostscript)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Debian packages: all present (${PACKAGES[*]})"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
