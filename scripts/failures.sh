#!/usr/bin/env bash
# Prints each failed test in the given .trx files, earliest first, a line each with the start of its error message.
# The console logger interleaves hundreds of lines; when only the end of a run's output is kept, the first
# failure (often the cause of the rest) is the one lost, so the test command ends with this digest.
set -uo pipefail
for trx in "$@"; do
  [ -f "$trx" ] || continue
  awk '
    /<UnitTestResult / && /outcome="Failed"/ {
      name = $0; sub(/.* testName="/, "", name); sub(/".*/, "", name)
      start = $0; sub(/.* startTime="/, "", start); sub(/".*/, "", start)
      failing = 1; lines = 0; message = ""; next
    }
    failing && /<Message>/ { inMessage = 1; sub(/.*<Message>/, "") }
    failing && inMessage {
      line = $0; done = sub(/<\/Message>.*/, "", line)
      gsub(/^[ \t]+/, "", line)
      if (lines < 3 && line != "") { message = message (lines ? " / " : "") line; lines++ }
      if (done) { inMessage = 0; failing = 0; print start "  " name ": " substr(message, 1, 400) }
    }
  ' "$trx"
done | sort | head -c 20000 | sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
