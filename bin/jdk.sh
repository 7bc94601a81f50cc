# Sourced by ./run-local and .ci/run: exports JAVA_HOME for a JDK 21 or newer.
# The machine's default java may be older, so look beside it too.

calbridge_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }

calbridge_pick_jdk() {
  local candidates=() jdk
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"); fi
  for jdk in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do [ -d "$jdk" ] && candidates+=("$jdk"); done
  for jdk in "${candidates[@]}"; do
    if [ -x "$jdk/bin/javac" ] && [ "$(calbridge_java_major "$jdk")" -ge 21 ] 2>/dev/null; then echo "$jdk"; return 0; fi
  done
  return 1
}

if ! JAVA_HOME=$(calbridge_pick_jdk); then
  echo "ERROR: Calbridge needs a JDK 21 or newer (with javac). Install one, for example Temurin 21 or 25, and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
