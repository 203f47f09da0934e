#!/usr/bin/env python3
"""Over-approximating candidate finder, third Go batch (sqlx services with a
model.DB interface reached through dependency containers, e.g. go-shiori/shiori).
Extends candidates_node_go.py (imported from the same folder, unchanged).
Written for the evaluation answer keys; never run on or derived from ppaudit.

usage: candidates_go3.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)
       (same output format as candidates_node_go.py:
        KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code)

Additions (Go only)
 - calls through a DB handle or a dependency container count as wrapper calls:
   `X.Database().M(`, `h.DB.M(`, `deps.DB.M(`, `db.M(`, `tx.M(`, `X.Domains().Y.M(`,
   `d.deps.Domains().Y.M(` (LOOP_WRAPPER / LOOP_WRITE when inside a loop);
 - wrapper set closed over two hops: a function whose body calls a function that
   makes a DB call is a wrapper too (LOOP_WRAPPER flag wrapper2:<name>);
 - plain calls of wrapper functions inside loops (LOOP_WRAPPER flag plain:<name>);
 - `withTx(ctx, func(tx ...) {...})` bodies open TX regions (so TX_NET / TX_SLEEP
   cover them) and every call inside one is listed as TX_CALL;
 - NET_IN_LOOP: network calls (http Get/Do, core.DownloadBookmark, core.ProcessBookmark,
   archiver/readability/warc calls) inside loops;
 - LIST_QUERY: GetBookmarks/ListAccounts/GetTags/SelectContext/Select calls, with
   flag limit / NO-limit (Limit or LIMIT within 15 lines before the call);
 - MUTEX_DB: DB calls between a Lock() and its Unlock() in the same function;
 - `.Each(func` / `.Map(func` / `.Range(func` callbacks count as loops (goquery parsing);
 - TEMP_FILE: os.CreateTemp results (flags: close-deferred / closed-later / NOT-closed);
 - RESP_DISCARDED: `_, err := client.Get/Do(...)` (response, and its body, dropped);
 - OPEN also for sqlx.ConnectContext / sql.OpenDB (flags: pool setters in file);
 - FILE_IO: os.ReadFile/WriteFile/io.Copy/os.Create/os.Open in any function
   (for transaction_wide and missing_cleanup review).
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_node_go as base  # noqa: E402

base.SKIP = re.compile(base.SKIP.pattern + r'|(^|/)testutil(/|$)|(^|/)docs/swagger(/|$)|(^|/)view/assets(/|$)')

CONTAINER = (r'|\b(?:\w+\.)*Database\(\)\.(\w+)\s*\('
             r'|\b(?:\w+\.)?DB\.(\w+)\s*\('
             r'|\b(?:\w+\.)*Domains\(\)\.\w+\.(\w+)\s*\(')
# group numbering: keep group(2) = method name for the base patterns by wrapping
base.GO_DBRECV = re.compile(r'\b(s|store|Store|st|driver|d|db|tx|q|queries|core|app\.core|app\.queries|'
                            r'a\.core|h\.app\.core|app\.db|s\.Store|s\.store|s\.driver|s\.db|'
                            r'(?:\w+\.)*Database\(\)|(?:\w+\.)?DB|(?:\w+\.)*Domains\(\)\.\w+)\.(\w+)\s*\(')

_orig_regions = base.File.regions


def regions(self):
    _orig_regions(self)
    if not self.go:
        return
    c = self.code
    # goquery / iterator callbacks run once per item
    for m in re.finditer(r'\.(Each|EachWithBreak|Map|Range)\s*\(\s*func\b', c):
        p = c.find('(', m.start())
        if p in self.pairs:
            self.loops.append((p, self.pairs[p], m.group(1)))
    for m in re.finditer(r'\bwithTx\s*\(', c):
        p = m.end() - 1
        if p in self.pairs and 'func' in c[m.end():self.pairs[p]][:200]:
            self.txs.append((p, self.pairs[p], 'withTx'))


base.File.regions = regions

_orig_wrappers = base.wrappers


def wrappers(files):
    names = _orig_wrappers(files)
    extra = set()
    for f in files:
        if not f.go:
            continue
        for (a, b, name, _) in f.funcs:
            if name.startswith('<') or name in names:
                continue
            body = f.code[a:b]
            if base.GO_DBRECV.search(body):
                extra.add(name)
    names |= extra
    # second hop
    hop2 = set()
    for f in files:
        if not f.go:
            continue
        for (a, b, name, _) in f.funcs:
            if name.startswith('<') or name in names:
                continue
            body = f.code[a:b]
            for m in re.finditer(r'\b(\w+)\s*\(', body):
                if m.group(1) in names and m.group(1) not in ('Error', 'String', 'Close', 'New', 'Get', 'Set'):
                    hop2.add(name)
                    break
    return names | hop2


base.wrappers = wrappers

NET = re.compile(r'\bhttp\.(Get|Post|Head|PostForm|NewRequest\w*)\s*\(|\.Do\s*\(|\bcore\.(DownloadBookmark|ProcessBookmark)\s*\(|'
                 r'\breadability\.\w+\s*\(|\barchiver\.\w+\s*\(|\bwarc\.\w+\s*\(|\bDownloadBookmark\s*\(|\bProcessBookmark\s*\(')

_orig_scan_go = base.scan_go


def scan_go(f, wr):
    _orig_scan_go(f, wr)
    c = f.code
    for t in f.txs:
        if t[2] != 'withTx':
            continue
        body = c[t[0]:t[1]]
        for m in re.finditer(r'\.(\w+)\s*\(', body):
            base.emit('TX_CALL', f, t[0] + m.start(), m.group(1))
    # plain (non-method) calls of wrapper functions inside loops
    for m in re.finditer(r'(?<![.\w])(\w+)\s*\(', c):
        if m.group(1) in wr and f.in_loop(m.start()) and m.group(1) not in ('func', 'append', 'len', 'make'):
            base.emit('LOOP_WRAPPER', f, m.start(), 'plain:' + m.group(1))
    for m in NET.finditer(c):
        loops = f.in_loop(m.start())
        if loops:
            base.emit('NET_IN_LOOP', f, m.start(), ','.join(loops))
    for m in re.finditer(r'\.(GetBookmarks|ListAccounts|GetTags|SelectContext|Select|Selectx)\s*\(', c):
        ln = f.line(m.start())
        ctx = '\n'.join(f.lines[max(0, ln - 16):ln + 2])
        base.emit('LIST_QUERY', f, m.start(), 'limit' if re.search(r'Limit|LIMIT', ctx) else 'NO-limit')
    # mutex-protected DB calls
    for m in re.finditer(r'\.Lock\(\)', c):
        a, b = base.func_body(f, m.start())
        u = c.find('.Unlock()', m.end(), b)
        seg_end = b if u < 0 or re.search(r'defer\s+[\w.]*\.Unlock\(\)', c[m.end():m.end() + 80]) else u
        for d in base.GO_DBRECV.finditer(c, m.end(), seg_end):
            base.emit('MUTEX_DB', f, d.start())
    for m in re.finditer(r'(\w+)\s*,\s*\w+\s*:?=\s*os\.(CreateTemp|MkdirTemp)\s*\(', c):
        a, b = base.func_body(f, m.start())
        rest = c[m.end():b]
        var = m.group(1)
        fl = 'close-deferred' if re.search(r'defer\s+' + re.escape(var) + r'\.Close\(\)', rest) else \
             ('closed-later' if (var + '.Close()') in rest else 'NOT-closed')
        base.emit('TEMP_FILE', f, m.start(), fl)
    for m in re.finditer(r'\b_\s*,\s*\w+\s*:?=\s*[\w.]*\.(Get|Post|Head|Do)\s*\(', c):
        base.emit('RESP_DISCARDED', f, m.start(), ','.join(f.in_loop(m.start())))
    for m in re.finditer(r'\bsqlx\.(ConnectContext|MustConnectContext|OpenContext|NewDb)\s*\(|\bsql\.OpenDB\s*\(', c):
        fl = ','.join(sorted(set(re.findall(r'Set(MaxOpenConns|MaxIdleConns|ConnMaxLifetime|ConnMaxIdleTime)', c)))) or 'NO-pool-setters'
        base.emit('OPEN', f, m.start(), fl)
    for m in re.finditer(r'\b(os\.(ReadFile|WriteFile|Create|Open|OpenFile|Remove|RemoveAll)|io\.Copy|ioutil\.\w+)\s*\(', c):
        base.emit('FILE_IO', f, m.start(), ','.join(f.in_loop(m.start())))


base.scan_go = scan_go

if __name__ == '__main__':
    base.main()
