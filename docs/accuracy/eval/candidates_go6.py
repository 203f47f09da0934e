#!/usr/bin/env python3
"""Over-approximating candidate finder, sixth Go batch (raw database/sql services
whose datastore is a struct embedding *sql.DB reached as app.db / db / apper.App().db,
e.g. writefreely/writefreely over MySQL or SQLite, with ActivityPub federation).
Extends candidates_go4.py (imported unchanged, which imports candidates_go3.py and
candidates_node_go.py). Written for the evaluation answer keys; never run on or
derived from ppaudit.

usage: candidates_go6.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)
       (same output format: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code)

Additions (Go only)
 - DB receivers also `X.App().db.M(`, `app.DB().M(`, `apper.App().db.M(`;
 - FED_NET: federation / outbound network helpers (makeActivityPost, resolveIRI,
   getActor, fetchActor, http Client Do/Get, mailgun/smtp Send) with loop flags
   (these are NET calls that the generic NET list misses);
 - GO_DB: `go f(...)` / `go func` statements whose body or callee touches the DB
   (goroutines that outlive the request and use the shared datastore);
 - LOOP_HELPER: calls inside loops of any function of the audited tree whose body
   makes a DB call (one hop, by name), with the callee's name;
 - ROWS_DEFER: Query()/QueryContext() results: whether `defer rows.Close()` follows
   within 8 lines, and whether a `return` precedes it (error_path_leak review);
 - HANDLER_DB: handlers `func X(app *App, w http.ResponseWriter, r *http.Request) error`
   with their number of DB calls and of network calls (scope review).
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_go4 as g4  # noqa: E402
base = g4.base

base.GO_DBRECV = re.compile(base.GO_DBRECV.pattern.replace(r'\b(s|store', r'\b((?:\w+\.)*App\(\)\.db|app\.DB\(\)|s|store', 1))

FED = re.compile(r'\b(makeActivityPost|resolveIRI|getActor|fetchActor|deleteFederatedPost|federatePost|'
                 r'handleFailedDelivery|sendEmail|SendMail|mg\.Send|\w*[cC]lient\.(Do|Get|Post))\s*\(')

_prev = base.scan_go
_dbfuncs = set()


def scan_go(f, wr):
    _prev(f, wr)
    c = f.code
    for m in FED.finditer(c):
        base.emit('FED_NET', f, m.start(), ','.join(f.in_loop(m.start())))
    for m in re.finditer(r'\bgo\s+(func\b|([\w.]+)\s*\()', c):
        name = (m.group(2) or '').split('.')[-1]
        if m.group(1).startswith('func'):
            p = c.find('{', m.end())
            q = f.pairs.get(p, p)
            hit = bool(base.GO_DBRECV.search(c[p:q])) or any(
                re.search(r'\b' + re.escape(n) + r'\s*\(', c[p:q]) for n in wr)
        else:
            hit = name in wr
        base.emit('GO_DB', f, m.start(), 'db' if hit else 'no-db')
    for m in re.finditer(r'(?<![\w])(\w+)\s*\(', c):
        n = m.group(1)
        if n in wr and f.in_loop(m.start()) and n not in ('func', 'append', 'len', 'make', 'Error', 'String'):
            base.emit('LOOP_HELPER', f, m.start(), n + ' ' + ','.join(f.in_loop(m.start())))
    for m in re.finditer(r'(\w+)\s*,\s*(\w+)\s*:?=\s*[\w.()]*\.(Query|QueryContext)\s*\(', c):
        a, b = base.func_body(f, m.start())
        ln = f.line(m.start())
        seg = '\n'.join(f.lines[ln:ln + 8])
        d = re.search(r'defer\s+' + re.escape(m.group(1)) + r'\.Close\(\)', seg)
        pre = seg[:d.start()] if d else seg
        fl = ('deferred' if d else 'NO-defer-close') + (',return-before' if d and 'return' in pre else '')
        base.emit('ROWS_DEFER', f, m.start(), fl)
    for m in re.finditer(r'func\s+(\w+)\s*\(\s*app\s+\*App\s*,\s*w\s+http\.ResponseWriter\s*,\s*r\s+\*http\.Request\s*\)', c):
        a, b = base.func_body(f, c.find('{', m.end()) + 1)
        body = c[a:b]
        ndb = len(base.GO_DBRECV.findall(body))
        nnet = len(FED.findall(body))
        base.emit('HANDLER_DB', f, m.start(), 'db=%d net=%d lines=%d' % (ndb, nnet, f.line(b) - f.line(a)))


base.scan_go = scan_go
g4.g3.scan_go = scan_go

if __name__ == '__main__':
    base.main()
