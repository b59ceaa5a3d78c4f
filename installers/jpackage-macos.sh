#!/usr/bin/env bash
# Builds the macOS installers of PruneScope for the architecture it runs on (arm64 or x86_64; one .dmg each):
# the app bundle target/installer/PruneScope.app and, by default, target/installer/PruneScope-<version>.dmg.
#   installers/jpackage-macos.sh [--type app-image|dmg]        (default: dmg, which builds the app bundle first)
# PruneScope.app holds Contents/MacOS/PruneScope (the window) and Contents/MacOS/prunescope-cli (the command line);
# Finder opens .onnx files with it. The bundle is not signed (see src/docs/packaging.md).
source "$(dirname "$0")/common.sh"
type=dmg
[ "${1:-}" = "--type" ] && type="$2"
ORT_PLATFORM=osx-$( [ "$(uname -m)" = arm64 ] && echo aarch64 || echo x64 )
PATH_SEP=:
JMODS="${JAVA_HOME:-$(/usr/libexec/java_home -v 17)}/jmods"

prepare_all
rm -rf "$OUT/PruneScope.app" "$OUT"/*.dmg
LAUNCHERS=(--icon installers/icons/prunescope.icns
           --add-launcher prunescope-cli=installers/macos/prunescope-cli.properties)
jpackage --type app-image "${COMMON_JPACKAGE[@]}" "${LAUNCHERS[@]}" --mac-package-identifier io.prunescope.app
report_sizes "$OUT/PruneScope.app"
if [ "$type" = dmg ]; then
  jpackage --type dmg "${COMMON_JPACKAGE[@]}" "${LAUNCHERS[@]}" --mac-package-identifier io.prunescope.app \
    --file-associations installers/macos/onnx-association.properties
  report_sizes "$OUT"/PruneScope-*.dmg
fi
