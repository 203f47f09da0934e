#!/usr/bin/env python3
"""Over-approximating candidate finder, ninth Go batch (fiber + GORM services whose
handlers reach the database through one `*dao.Dao` facade: `app.Dao().FindX(...)`,
`dao.CookX(...)`, methods that call `dao.DB().Where(...).First(...)` themselves or
through other dao methods, optional read-through cache; e.g. ArtalkJS/Artalk).
Extends candidates_go8.py (imported unchanged, which imports candidates_go7.py,
candidates_go6.py, candidates_go4.py, candidates_go3.py and candidates_node_go.py).
Written for the evaluation answer keys; never run on or derived from ppaudit.

usage: candidates_go9.py ROOT DAO_DIR PATH [PATH...]
       (DAO_DIR = folder of the dao facade, e.g. internal/dao; PATHs as before;
        same output format: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code)

Additions (Go only)
 - DAO_QUERYING (printed once per method): dao methods that query, transitively (body
   calls `.DB()` / `.db.` or another querying dao method), with read / write flags;
 - DAO_LOOP: a call `X.M(` (X = dao, Dao(), app.Dao(), a.dao, ...) to a querying dao
   method inside a `for` loop or a lo.Map / lo.ForEach / lo.Filter / lo.FilterMap /
   lo.Reduce / lo.Uniq* callback (read => n_plus_one, write => n_update_delete_loop /
   missing_bulk_ops);
 - HELPER_LOOP9: a call, inside such a loop, to a non-dao function of the audited tree
   whose body calls a querying dao method (one hop);
 - WRITE_SEQ: functions making two or more dao / GORM writes with no Transaction in
   the function (transaction_narrow / partial failure candidates), with the write lines;
 - DAO_IN_GO: dao calls inside `go func` bodies (work after the response, pool use
   from goroutines);
 - NET_IN_FN: functions that both call a querying dao method and make an outbound
   call (http Get/Do, email Send, anti-spam / notify pushers, ip lookup), with order
   (net-after-db) for scope / transaction review.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
DAO_DIR = sys.argv.pop(2)
import candidates_go8 as g8  # noqa: E402
base = g8.base

DAO_RECV = r'(?:\b(?:dao|d|a\.dao|app\.dao|s\.dao|h\.dao)|\bDao\(\)|\bapp\.Dao\(\)|\w+\.Dao\(\))'
WRITE_NAME = re.compile(r'^(Create|Update|Del|New|Save|Delete|Notify(Set)?|Mark|Merge|UserNotify|Vote|Find[Cc]reate|Set)')
GORM_W = re.compile(r'\.\s*(Create|CreateInBatches|Save|Update|Updates|UpdateColumn|UpdateColumns|Delete|FirstOrCreate)\s*\(')
LO = re.compile(r'\blo\.(Map|ForEach|Filter|FilterMap|Reduce|Uniq\w*|FlatMap|Find\w*|Some\w*|Every\w*)\s*\(')
NETRX = re.compile(r'\bhttp\.(Get|Post|Head)\s*\(|\.Do\s*\(|\.Send\w*\s*\(|\bemail\.\w+\(|\bPush\w*\s*\(|\bCheck\w*\s*\(|\bQuery\s*\(|\bFetch\w*FromURL\s*\(|\bGetTitleByURL\s*\(|\bupload\w*\s*\(|\bos\.(WriteFile|ReadFile|Create|Open)\s*\(')

_prev_regions = base.File.regions


def regions(self):
    _prev_regions(self)
    if not self.go:
        return
    for m in LO.finditer(self.code):
        p = m.end() - 1
        if p in self.pairs:
            self.loops.append((p, self.pairs[p], 'lo.' + m.group(1)))


base.File.regions = regions

QUERYING = {}   # name -> 'read' | 'write'
HELPERS = set()


def build_dao_index(files):
    bodies = {}
    for f in files:
        if not f.rel.startswith(DAO_DIR.rstrip('/') + '/'):
            continue
        for m in re.finditer(r'\bfunc\s*\(\s*\w+\s+\*?Dao\s*\)\s*(\w+)\s*\(', f.code):
            p = m.end() - 1
            if p not in f.pairs:
                continue
            b = f.block_after(f.pairs[p])
            if b:
                bodies[m.group(1)] = f.code[b[0]:b[1]]
        for m in re.finditer(r'\bfunc\s+(\w+)\s*(\[[^\]]*\])?\s*\(', f.code):
            p = m.end() - 1
            if p in f.pairs:
                b = f.block_after(f.pairs[p])
                if b:
                    bodies.setdefault(m.group(1), f.code[b[0]:b[1]])
    changed = True
    while changed:
        changed = False
        for name, body in bodies.items():
            if name in QUERYING:
                continue
            if re.search(r'\.DB\(\)|\.db\.', body) or any(re.search(r'\.' + re.escape(q) + r'\s*\(', body) for q in QUERYING):
                QUERYING[name] = 'write' if (WRITE_NAME.match(name) or GORM_W.search(body)) else 'read'
                changed = True
    for name in sorted(QUERYING):
        print(f"DAO_QUERYING\t{DAO_DIR}\t{name}\t{QUERYING[name]}\t")


def dao_calls(code):
    for m in re.finditer(DAO_RECV + r'\.(\w+)\s*\(', code):
        if m.group(1) in QUERYING:
            yield m


_prev_scan = base.scan_go
_seen_index = []


def scan_go(f, wr):
    _prev_scan(f, wr)
    c = f.code
    for m in dao_calls(c):
        loops = f.in_loop(m.start())
        if loops:
            base.emit('DAO_LOOP', f, m.start(), '%s %s %s' % (m.group(1), QUERYING[m.group(1)], ','.join(loops)))
    for m in re.finditer(r'(?<![\w.])(\w+)\s*\(', c):
        if m.group(1) in HELPERS and f.in_loop(m.start()):
            base.emit('HELPER_LOOP9', f, m.start(), m.group(1) + ' ' + ','.join(f.in_loop(m.start())))
    for (a, b, name, _) in f.funcs:
        body = c[a:b]
        writes = [a + m.start() for m in dao_calls(body) if QUERYING[m.group(1)] == 'write']
        writes += [a + m.start() for m in GORM_W.finditer(body)]
        if len(writes) >= 2 and not re.search(r'\.Transaction\s*\(|\.Begin\s*\(', body):
            base.emit('WRITE_SEQ', f, a, 'writes at ' + ','.join(str(f.line(w)) for w in sorted(set(writes))))
        dbs = [a + m.start() for m in dao_calls(body)]
        nets = [a + m.start() for m in NETRX.finditer(body)]
        if dbs and nets:
            base.emit('NET_IN_FN', f, a, 'db:%s net:%s%s' % (
                ','.join(str(f.line(x)) for x in dbs[:12]), ','.join(str(f.line(x)) for x in nets[:12]),
                ' net-after-db' if max(nets) > min(dbs) else ''))
    for m in re.finditer(r'\bgo\s+func\s*\(', c):
        p = m.end() - 1
        if p not in f.pairs:
            continue
        bb = f.block_after(f.pairs[p])
        if bb and list(dao_calls(c[bb[0]:bb[1]])):
            base.emit('DAO_IN_GO', f, m.start(), ','.join(sorted(set(x.group(1) for x in dao_calls(c[bb[0]:bb[1]])))))


base.scan_go = scan_go
g8.g7.g6.g4.g3.scan_go = scan_go

_prev_wrappers = base.wrappers


def wrappers(files):
    go = [f for f in files if f.go]
    if go and not _seen_index:
        _seen_index.append(1)
        build_dao_index(go)
        for f in go:
            if f.rel.startswith(DAO_DIR.rstrip('/') + '/'):
                continue
            for (a, b, name, _) in f.funcs:
                if not name.startswith('<') and list(dao_calls(f.code[a:b])):
                    HELPERS.add(name)
        for g in ('Get', 'Post', 'Put', 'Delete', 'New', 'Run', 'Check'):
            HELPERS.discard(g)
    return _prev_wrappers(files)


base.wrappers = wrappers

if __name__ == '__main__':
    base.main()
