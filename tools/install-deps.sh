#!/bin/sh
# Installs the Debian 12 packages tnet needs to build, test and draw maps.
# Runs apt-get as root, or through sudo when not root.
set -eu
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
  build-essential clang meson ninja-build pkg-config \
  libglib2.0-dev libigraph-dev check libreadosm-dev libjson-glib-dev \
  libgeos-dev libmetis-dev libcairo2-dev libzip-dev zlib1g-dev libexpat1-dev fonts-wqy-microhei xz-utils python3 valgrind \
  libclang-rt-dev \
  python3-dev python3-numpy python3-pandas python3-geopandas python3-matplotlib \
  python3-pytest python3-mesonpy python3-pip python3-nbclient python3-nbformat python3-ipykernel \
  python3-dask python3-distributed \
  libsoup-3.0-dev libjs-leaflet wrk chromium chromium-driver python3-selenium
