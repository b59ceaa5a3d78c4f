#!/usr/bin/env bash
# Builds the Linux installers of PruneScope: the app image target/installer/PruneScope and the .deb made from it.
#   installers/jpackage-linux.sh [--type app-image|deb]        (default: deb, which builds the app image first)
# The .deb installs to /opt/prunescope: bin/PruneScope (the window), bin/prunescope (the CLI, linked to
# /usr/bin/prunescope by the package's postinst), a desktop entry with icon and the .onnx MIME type
# (application/x-onnx, opened with PruneScope). KEEP_RUNTIME=1 reuses target/installer's jars and runtime.
source "$(dirname "$0")/common.sh"
type=deb
[ "${1:-}" = "--type" ] && type="$2"
ORT_PLATFORM=linux-$( [ "$(uname -m)" = aarch64 ] && echo aarch64 || echo x64 )
PATH_SEP=:
JMODS="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/jmods"
[ -n "${JAVA_HOME:-}" ] && [ -d "$JAVA_HOME/jmods" ] && JMODS="$JAVA_HOME/jmods"

prepare_all
rm -rf "$OUT/PruneScope" "$OUT"/*.deb
# The window's launcher puts the JIT's compiler threads below the window's threads (nice 5; pom.xml's Linux
# profile says why); the CLI launcher's properties list its own java-options without them.
LAUNCHERS=(--icon installers/icons/prunescope-256.png
           --java-options "-XX:ThreadPriorityPolicy=1" --java-options "-XX:CompilerThreadPriority=5"
           --add-launcher prunescope=installers/linux/prunescope-cli.properties)
jpackage --type app-image "${COMMON_JPACKAGE[@]}" "${LAUNCHERS[@]}"
report_sizes "$OUT/PruneScope"
if [ "$type" = deb ]; then
  # Built from the same runtime and input rather than from the app image: only then do the CLI launcher's
  # properties carry over. No --linux-shortcut: JDK 17 would then give the CLI a menu entry too, whatever its
  # properties say; the file association alone gives the window its desktop entry (with icon and MIME type).
  jpackage --type deb "${COMMON_JPACKAGE[@]}" "${LAUNCHERS[@]}" --install-dir /opt \
    --linux-package-name prunescope --linux-menu-group "Development;Science;" \
    --linux-app-category science --linux-deb-maintainer prunescope@users.noreply.github.com \
    --file-associations installers/linux/onnx-association.properties \
    --resource-dir installers/linux/resources
  report_sizes "$OUT"/prunescope_*.deb
fi
