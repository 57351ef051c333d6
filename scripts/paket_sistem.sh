#!/usr/bin/env bash
# Makes sure the Debian system packages the app needs are installed; `make run`, `make test`
# and `.ci/run` all call it before anything else.
#
#   scripts/paket_sistem.sh run     what serving the app needs: WeasyPrint's libraries, the
#                                   fonts the PDF stylesheet names (templates/pdf/cetak.css) and
#                                   poppler-utils (pdftoppm draws the signing page's preview)
#   scripts/paket_sistem.sh test    the above plus what the suite needs: Chromium (browser
#                                   tests) and zbar-tools (zbarimg reads the printed QR code)
#   scripts/paket_sistem.sh --daftar run|test   prints the list, one a line, and exits
#
# All present: prints nothing and exits 0 (one dpkg-query call). Missing, run as root with
# apt-get: installs them non-interactively (apt-get update only when apt does not know a package
# yet). Missing otherwise: prints the one command to run and exits 1 at once.
#
# Environment: PAKET_SISTEM_TAMBAHAN="pkg ..." adds packages to the list (the tests use a
# name that does not exist); PAKET_SISTEM_LEWATI=1 skips the check (a machine where the
# libraries come from elsewhere). Without dpkg (not Debian) it warns and carries on.
set -euo pipefail

PAKET_RUN="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core poppler-utils"
PAKET_TEST="$PAKET_RUN chromium zbar-tools libreoffice-calc-nogui"

nama=$(basename "$0")
daftar_saja=0
if [ "${1:-}" = "--daftar" ]; then
  daftar_saja=1
  shift
fi
profil=${1:-}
case "$profil" in
  run) paket=$PAKET_RUN ;;
  test) paket=$PAKET_TEST ;;
  *)
    echo "usage: $nama [--daftar] run|test" >&2
    exit 2
    ;;
esac
paket="$paket ${PAKET_SISTEM_TAMBAHAN:-}"

if [ "$daftar_saja" = 1 ]; then
  printf '%s\n' $paket
  exit 0
fi

[ "${PAKET_SISTEM_LEWATI:-}" = 1 ] && exit 0

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "$nama: no dpkg here, so the system packages are not checked; on Debian they are:" \
    $paket >&2
  exit 0
fi

# Installed means dpkg status "installed": a package removed with its configuration kept
# ("config-files") is still known to dpkg -s but its files are gone.
terpasang=" $(dpkg-query -W -f='${Package}=${db:Status-Status} ' $paket 2>/dev/null || true) "
kurang=""
for p in $paket; do
  case "$terpasang" in
    *" $p=installed "*) ;;
    *) kurang="$kurang $p" ;;
  esac
done
kurang=${kurang# }
[ -z "$kurang" ] && exit 0

# apt needs an update first when its package lists do not know one of the packages yet
# (e.g. a container image shipped with empty lists).
perlu_update=0
if ! command -v apt-cache >/dev/null 2>&1 \
  || [ "$(apt-cache policy $kurang 2>/dev/null | grep -c 'Candidate: [^(]')" -lt "$(echo $kurang | wc -w)" ]; then
  perlu_update=1
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "$nama: installing the missing system packages: $kurang" >&2
  export DEBIAN_FRONTEND=noninteractive
  if [ "$perlu_update" = 1 ]; then
    apt-get update -qq
  fi
  if ! apt-get install -y -qq $kurang; then
    echo "$nama: apt-get could not install: $kurang" >&2
    exit 1
  fi
  exit 0
fi

perintah="apt-get install -y $kurang"
[ "$perlu_update" = 1 ] && perintah="apt-get update && $perintah"
if [ "$(id -u)" = 0 ]; then
  :  # root but no apt-get: the command below is for a machine that has it
elif command -v sudo >/dev/null 2>&1; then
  if [ "$perlu_update" = 1 ]; then perintah="sudo sh -c '$perintah'"; else perintah="sudo $perintah"; fi
else
  perintah="su -c '$perintah'"
fi
{
  echo "$nama: missing Debian system packages ($profil): $kurang"
  echo "Install them, then run this again:"
  echo
  echo "    $perintah"
  echo
} >&2
exit 1
