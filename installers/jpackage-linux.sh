#!/usr/bin/env bash
# Builds a Linux app image (or a .deb with: --type deb) of the PruneScope workbench from target/prunescope.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
[ "$type" = "--type" ] && type="$2"
[ -f target/prunescope.jar ] || mvn -B -q package -DskipTests
rm -rf target/installer
mkdir -p target/installer/input
cp target/prunescope.jar target/installer/input/
jpackage --type "$type" --name PruneScope --app-version 0.1.0 \
  --input target/installer/input --main-jar prunescope.jar --main-class io.prunescope.app.Main \
  --java-options "-Xmx8g" --dest target/installer
echo "built target/installer (type $type)"
