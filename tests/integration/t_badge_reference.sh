#!/bin/bash
# The badge format's independent reference implementation (Python, written from
# docs/badge-format.md) agrees with every vector in the document; tests/unit/test_badge.c checks
# the same vectors against the C implementation.
. "$(dirname "$0")/lib.sh"
/usr/bin/python3 "$LY_ROOT/tests/tools/badge_ref.py" check "$LY_ROOT/docs/badge-format.md" || ly_failed=1
# The document's vectors are exactly what the reference implementation generates.
/usr/bin/python3 "$LY_ROOT/tests/tools/badge_ref.py" vectors >"$T/vectors.txt"
sed -n '/^```vectors$/,/^```$/p' "$LY_ROOT/docs/badge-format.md" | sed '1d;$d' >"$T/doc.txt"
if diff <(sed -e '/^$/d' "$T/vectors.txt") <(sed -e '/^$/d' "$T/doc.txt") >/dev/null; then
    ok "docs/badge-format.md vectors are current"
else
    not_ok "docs/badge-format.md vectors differ from badge_ref.py vectors"
fi
finish
