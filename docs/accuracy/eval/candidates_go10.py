#!/usr/bin/env python3
"""Over-approximating candidate finder, tenth Go batch (fiber + plain database/sql
services whose store opens `tx, err := s.db.Begin()` in exported methods and passes
`tx *sql.Tx` to unexported helpers that run tx.Query / tx.QueryRow / tx.Exec, reached
from handlers and background goroutines through a package singleton `store.Get()`;
e.g. TwiN/gatus).
Extends candidates_go3.py (imported unchanged, which imports candidates_node_go.py).
Written for the evaluation answer keys; never run on or derived from ppaudit.

usage: candidates_go10.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)
       (same output format: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code)

Additions (Go only)
 - TXHELPER (printed once per helper): functions taking a `*sql.Tx` / `*sql.DB` whose
   body queries (directly or through another such helper), with read / write flags;
 - TXHELPER_LOOP: calls of those helpers inside for loops (n_plus_one /
   missing_bulk_ops / n_update_delete_loop candidates), with the helper's flags;
 - TX_SPAN: every `Begin()` with the line of its Commit, the span length in lines,
   rollback style (defer / explicit on each return / none), number of helper calls
   and of `return` statements without a Rollback on the same or previous line;
 - ROWS_RETURN: a `return` inside a `for X.Next()` loop of a Query result that is not
   closed by a defer (error_path_leak candidates), and Query results never closed;
 - PREPEND_LOOP: `x = append([]T{...}, x...)` inside loops (quadratic copying);
 - STORE_CALL: every `store.Get().M(` call, with whether the enclosing function is a
   fiber handler (`c *fiber.Ctx`) or returns a fiber.Handler, and the loops around it;
 - OPEN_ERR: sql.Open followed by an `if err` path that returns before `Close()`;
 - NET_FN: functions that contain both a store call and an outbound call (http Do/Get,
   provider Send), with the order (net-after-store) for scope review.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_go3 as g3  # noqa: E402
base = g3.base

HELPER_SIG = re.compile(r'\bfunc\s*(?:\(\s*\w+\s+\*?\w+\s*\)\s*)?(\w+)\s*\(([^)]*\*sql\.(?:Tx|DB)[^)]*)\)')
DIRECT_R = re.compile(r'\b(?:tx|db|s\.db)\.(Query|QueryRow|QueryContext|QueryRowContext)\s*\(')
DIRECT_W = re.compile(r'\b(?:tx|db|s\.db)\.(Exec|ExecContext)\s*\(|INSERT INTO|DELETE FROM|UPDATE \w+ SET', re.I)
STORE = re.compile(r'\bstore\.Get\(\)\.(\w+)\s*\(')
NETRX = re.compile(r'\bhttp\.(Get|Post|Head)\s*\(|\.Do\s*\(|\.Get\s*\(\s*\w*[Uu][Rr][Ll]|\bprovider\.Send\s*\(|\balertProvider\.Send\s*\(|\.Send\s*\(\s*ep\b')

HELPERS = {}   # name -> set(flags)


def build_helpers(files):
    bodies = {}
    for f in files:
        if not f.go:
            continue
        raw = f.code
        for m in HELPER_SIG.finditer(raw):
            p = raw.find('(', m.start(1))
            if p not in f.pairs:
                continue
            # skip the result list to the body
            b = raw.find('{', f.pairs[p])
            if b < 0 or b not in f.pairs:
                continue
            bodies[m.group(1)] = raw[b:f.pairs[b]]
    for name, body in bodies.items():
        fl = set()
        if DIRECT_R.search(body):
            fl.add('read')
        if re.search(r'\b(?:tx|db|s\.db)\.(Exec|ExecContext)\s*\(', body) or \
                re.search(r'\bINSERT\b|\bDELETE\b|\bUPDATE\b', body):
            fl.add('write')
        if fl:
            HELPERS[name] = fl
    changed = True
    while changed:
        changed = False
        for name, body in bodies.items():
            for m in re.finditer(r'\.(\w+)\s*\(\s*tx\b', body):
                callee = m.group(1)
                if callee in HELPERS and callee != name:
                    before = set(HELPERS.get(name, set()))
                    HELPERS.setdefault(name, set()).update(HELPERS[callee])
                    if HELPERS[name] != before:
                        changed = True


_orig_scan_go = base.scan_go


def handler_kind(f, pos):
    a, b = base.func_body(f, pos)
    head = f.code[max(0, a - 300):a]
    sig = head[head.rfind('func'):] if 'func' in head else ''
    if '*fiber.Ctx' in sig:
        return 'fiber-handler'
    if 'fiber.Handler' in sig:
        return 'fiber-handler-factory'
    return ''


def scan_go(f, wr):
    _orig_scan_go(f, wr)
    c = f.code
    if not HELPERS_BUILT[0]:
        return
    for m in re.finditer(r'\.(\w+)\s*\(\s*tx\b', c):
        if m.group(1) in HELPERS:
            loops = f.in_loop(m.start())
            if loops:
                base.emit('TXHELPER_LOOP', f, m.start(), m.group(1) + ':' + '/'.join(sorted(HELPERS[m.group(1)])))
    for m in re.finditer(r'(\w+)\s*,\s*err\s*:?=\s*[\w.]*\bBegin(?:Tx)?\s*\(', c):
        a, b = base.func_body(f, m.start())
        rest = c[m.end():b]
        ln0 = f.line(m.start())
        cm = re.search(r'\b' + m.group(1) + r'\.Commit\s*\(', rest)
        ln1 = f.line(m.end() + cm.start()) if cm else f.line(b)
        if re.search(r'defer\s+' + m.group(1) + r'\.Rollback\s*\(', rest):
            rb = 'defer-rollback'
        else:
            rb = 'explicit-rollback' if (m.group(1) + '.Rollback(') in rest else 'NO-rollback'
        nhelp = sum(1 for h in re.finditer(r'\.(\w+)\s*\(\s*' + m.group(1) + r'\b', rest) if h.group(1) in HELPERS)
        bare = 0
        lines = f.lines
        for r in re.finditer(r'\breturn\b', rest):
            ln = f.line(m.end() + r.start())
            if ln1 and ln > ln1:
                break
            near = '\n'.join(lines[max(0, ln - 3):ln])
            if 'Rollback' not in near and rb != 'defer-rollback':
                bare += 1
        base.emit('TX_SPAN', f, m.start(), '%s,commit@%d,span=%d,helpers=%d,returns-without-rollback=%d'
                  % (rb, ln1, ln1 - ln0, nhelp, bare))
    for m in re.finditer(r'(\w+)\s*,\s*\w+\s*:?=\s*[\w.]*\b(?:Query|QueryContext)\s*\(', c):
        a, b = base.func_body(f, m.start())
        var = m.group(1)
        rest = c[m.end():b]
        deferred = re.search(r'defer\s+' + var + r'\.Close\(\)', rest)
        closed = (var + '.Close()') in rest
        lp = re.search(r'for\s+' + var + r'\.Next\(\)\s*\{', rest)
        if lp:
            o = m.end() + lp.end() - 1
            if o in f.pairs and not deferred:
                body = c[o:f.pairs[o]]
                for r in re.finditer(r'\breturn\b', body):
                    near = c[max(o, o + r.start() - 120):o + r.start()]
                    if (var + '.Close()') not in near:
                        base.emit('ROWS_RETURN', f, o + r.start(), var + ':return-in-Next-loop-without-close')
        if not deferred and not closed:
            base.emit('ROWS_RETURN', f, m.start(), var + ':NEVER-closed')
    for m in re.finditer(r'(\w+)\s*=\s*append\s*\(\s*\[\]\*?[\w.]+\s*\{[^}]*\}\s*,\s*(\w+)\s*\.\.\.\s*\)', c):
        if f.in_loop(m.start()):
            base.emit('PREPEND_LOOP', f, m.start(), ','.join(f.in_loop(m.start())))
    for m in STORE.finditer(c):
        base.emit('STORE_CALL', f, m.start(), ','.join([handler_kind(f, m.start())] + f.in_loop(m.start())).strip(','))
    for m in re.finditer(r'\bsql\.Open\s*\(', c):
        a, b = base.func_body(f, m.start())
        rest = c[m.end():b]
        for r in re.finditer(r'if\s+err\s*(?::=\s*[^;{]+;\s*)?err\s*!=\s*nil\s*\{|if\s+err\s*!=\s*nil\s*\{', rest):
            o = m.end() + r.end() - 1
            if o in f.pairs:
                blk = c[o:f.pairs[o]]
                if 'return' in blk and 'Close()' not in blk:
                    base.emit('OPEN_ERR', f, o, 'return-without-Close')
    seen = set()
    for (a, b, name, _) in f.funcs:
        if name in seen or name.startswith('<'):
            continue
        body = c[a:b]
        s = STORE.search(body)
        n = NETRX.search(body)
        if s and n:
            seen.add(name)
            base.emit('NET_FN', f, a + n.start(), 'net-after-store' if n.start() > s.start() else 'net-before-store')


base.scan_go = scan_go
HELPERS_BUILT = [False]

_orig_wrappers = base.wrappers


def wrappers(files):
    build_helpers(files)
    HELPERS_BUILT[0] = True
    for name in sorted(HELPERS):
        print('TXHELPER\t-\t%s\t%s\t' % (name, '/'.join(sorted(HELPERS[name]))))
    return _orig_wrappers(files)


base.wrappers = wrappers

if __name__ == '__main__':
    base.main()
