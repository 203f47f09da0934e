#!/bin/sh
# mem-owners.sh TREE [JOBS] — where ppaudit's memory goes on TREE.
#
# Prints three tables:
#  1. peak RSS and wall time (/usr/bin/time);
#  2. PPAUDIT_MEMSTATS=1: what the parsed models hold after the parse, per
#     owner (nodes by kind, sources, line index, imports, the arena and the
#     structs in it), counted from the models themselves;
#  3. with heaptrack installed: the heap at its peak, grouped by owner
#     (the allocation's caller: nodes = model_shrink's realloc of the node
#     arrays, arena = arena blocks, sources = fs_read_file, summaries,
#     index, findings, ...).
#
# Environment: PPAUDIT (binary, default ./ppaudit).
set -eu

tree=${1:?usage: $0 TREE [JOBS]}
jobs=${2:-2}
ppaudit=${PPAUDIT:-./ppaudit}
work=$(mktemp -d /tmp/ppaudit-mem.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

echo "tree: $tree  --jobs $jobs  load: $(uptime | sed 's/.*load average: //')"
/usr/bin/time -f '%e %M' -o "$work/time" "$ppaudit" run --no-tui --jobs "$jobs" \
	--output-dir "$work/out" "$tree" >/dev/null 2>&1 || true
awk '{ printf "wall %.2f s  peak RSS %.1f MB\n", $1, $2 / 1000 }' "$work/time"
rm -rf "$work/out"

echo
echo "models after the parse (PPAUDIT_MEMSTATS=1):"
PPAUDIT_MEMSTATS=1 "$ppaudit" run --no-tui --jobs "$jobs" --output-dir "$work/out" "$tree" \
	2>&1 >/dev/null | sed -n 's/^memstats: /  /p'
rm -rf "$work/out"

command -v heaptrack >/dev/null 2>&1 || { echo "(heaptrack not installed: no peak table)"; exit 0; }
heaptrack -o "$work/ht" "$ppaudit" run --no-tui --jobs "$jobs" --output-dir "$work/out" "$tree" \
	>/dev/null 2>&1 || true
heaptrack_print -f "$work/ht".* -p 0 -a 0 -T 0 --flamegraph-cost-type peak \
	-F "$work/stacks" >/dev/null 2>&1
echo
echo "heap at its peak, by owner (heaptrack):"
# Each line of the stacks file: frames root first, ';'-separated, then bytes.
awk '
function owner(s) {
	if (s ~ /model_shrink/) return "nodes (+ import/ignore arrays)"
	if (s ~ /parse_worker.*arena_(grow|alloc|hold|intern|strndup)|block_new/) return "arena (call/func/param/arg structs, names)"
	if (s ~ /fs_read_file|fs_map_file/) return "sources"
	if (s ~ /model_index_lines/) return "line index"
	if (s ~ /parse_worker.*model_new/) return "struct model"
	if (s ~ /parse_worker/) return "parse, other"
	if (s ~ /summaries_build|summary/) return "summaries"
	if (s ~ /index_build|index_orm|ix_/) return "index"
	if (s ~ /finding_|sink_add|auditor_emit/) return "findings"
	if (s ~ /phase_audit|auditor/) return "audit, other"
	if (s ~ /walk_dir|collector_add|files_/) return "file list"
	if (s ~ /catalog_/) return "catalogs"
	if (s ~ /report/) return "reports"
	return "other"
}
{
	n = $NF; $NF = ""
	o = owner($0); b[o] += n; t += n
}
END {
	for (o in b) printf "  %8.2f MB  %5.1f %%  %s\n", b[o] / 1e6, 100 * b[o] / t, o | "sort -rn"
	close("sort -rn")
	printf "  %8.2f MB  total heap at the peak\n", t / 1e6
}' "$work/stacks"
