#!/usr/bin/env bash
# Runs every test of Herald (unit tests, then Pax Exam on the assembled distribution) on a fresh
# Debian or Ubuntu machine: installs what the tests need and is missing, then runs `mvn -B verify`.
# Arguments are passed to Maven (e.g. ./test.sh -o, ./test.sh -pl bundles/core -am).
set -euo pipefail
cd "$(dirname "$0")"

# Java 17 and Maven (Karaf 4.4 does not start on newer Java); rsyslog with its TLS driver and
# openssl, which the syslog sink's tests start on loopback as their real peer; systemd-analyze,
# which checks the service unit in bin/contrib/; Chromium for the web console's browser test;
# libmaxmind-db-writer-perl for the geo-IP enricher's test databases.
packages=()
if ! command -v mvn >/dev/null 2>&1 || ! java -version 2>&1 | grep -q '"17\.'; then
  [ -d /usr/lib/jvm/java-17-openjdk-amd64 ] || [ -d /usr/lib/jvm/java-17-openjdk-arm64 ] || packages+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || packages+=(maven)
fi
if ! command -v rsyslogd >/dev/null 2>&1 && [ ! -x /usr/sbin/rsyslogd ]; then
  packages+=(rsyslog)
fi
# where Debian (multiarch) or other distributions put it; ls fails if any one path is missing, so one each
if ! ls /usr/lib/*/rsyslog/lmnsd_gtls.so >/dev/null 2>&1 && ! ls /usr/lib/rsyslog/lmnsd_gtls.so >/dev/null 2>&1; then
  packages+=(rsyslog-gnutls)
fi
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
command -v systemd-analyze >/dev/null 2>&1 || packages+=(systemd)
# Perl's MaxMind::DB::Writer, which writes the small GeoIP databases the geo-IP enricher's tests read.
perl -MMaxMind::DB::Writer::Tree -e 1 >/dev/null 2>&1 || packages+=(libmaxmind-db-writer-perl)
# Chromium and its WebDriver, which the web console's Selenium test drives headless.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  packages+=(chromium chromium-driver)
fi

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "test.sh: the tests need these packages: ${packages[*]}" >&2
    echo "test.sh: run this script as root, install sudo, or install them yourself (apt-get install ${packages[*]})" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: the tests need: ${packages[*]}; install them with your package manager (this script knows apt-get only)" >&2
    exit 1
  fi
  echo "test.sh: installing ${packages[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64; do
  if [ -d "$jdk" ] && ! java -version 2>&1 | grep -q '"17\.'; then
    export JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH"
  fi
done
java -version
mvn -version

exec mvn -B verify "$@"
