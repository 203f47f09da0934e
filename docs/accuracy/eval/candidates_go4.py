#!/usr/bin/env python3
"""Over-approximating candidate finder, fourth Go batch (database/sql services whose
stores are struct fields reached from handlers, e.g. binwiederhier/ntfy:
s.userManager / s.messageCache / s.webPush wrapping *sql.DB over SQLite).
Extends candidates_go3.py (imported unchanged, which itself extends
candidates_node_go.py). Written for the evaluation answer keys; never run on or
derived from ppaudit.

usage: candidates_go4.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)
       (same output format: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code)

Additions (Go only)
 - store fields count as DB receivers: `X.userManager.M(`, `X.messageCache.M(`,
   `X.webPush.M(`, `X.manager.M(`, `X.db.M(`, `manager.M(` (LOOP_WRAPPER / LOOP_WRITE);
 - TX_SPAN: every Begin() with the number of lines to its Commit() (or function end)
   and the calls made between them (for long_held_transaction / transaction_wide);
 - MULTI_COMMIT: functions that contain more than one store write call / Commit
   (for transaction_narrow review), flag = the write calls;
 - STORE_WRITES: handler functions (`func (s *Server) handle...`) making two or more
   write calls to stores (transaction_narrow review);
 - NET_ANY: network calls anywhere (http Do/Get/Post, firebase Send, webpush
   SendNotification, stripe, twilio, smtp) with their loop flags;
 - ROWS_LOOP: `for rows.Next()` loops whose body calls a store / DB method (N+1
   while the outer rows are open);
 - UNBOUNDED: SQL string constants with SELECT and no LIMIT (list queries);
 - LOCK_SPAN: sync.Mutex Lock() regions in a function that also calls stores.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_go3 as g3  # noqa: E402
base = g3.base

STORE = r'(?:\w+\.)*(?:userManager|messageCache|webPush|manager|db|smtpSender|firebaseClient|stripe)'
base.GO_DBRECV = re.compile(r'\b(s|store|Store|st|driver|d|db|tx|q|queries|core|app\.core|app\.queries|'
                            r'a\.core|h\.app\.core|app\.db|s\.Store|s\.store|s\.driver|s\.db|'
                            r'(?:\w+\.)*Database\(\)|(?:\w+\.)?DB|(?:\w+\.)*Domains\(\)\.\w+|' + STORE + r')\.(\w+)\s*\(')

NET = re.compile(r'\bhttp\.(Get|Post|Head|PostForm|NewRequest\w*)\s*\(|\.Do\s*\(|\.Send\s*\(|'
                 r'SendNotification\w*\s*\(|\bstripe\.|\.(New|Get|Update|Cancel|List)\w*\(\s*&?stripe\.|'
                 r'smtp\.\w+\s*\(|\.SendMail\s*\(|callPhone|sendSMS|\.sender\.Send|twilio', re.I)
WRITE = re.compile(r'\.(Add\w*|Create\w*|Update\w*|Delete\w*|Remove\w*|Reset\w*|Change\w*|Mark\w*|Expire\w*|'
                   r'Set\w*|Upsert\w*|Allow\w*|Enqueue\w*)\s*\(')

_orig_scan_go = g3.scan_go


def scan_go(f, wr):
    _orig_scan_go(f, wr)
    c = f.code
    # transaction spans
    for m in re.finditer(r'(\w+)\s*,\s*\w+\s*:?=\s*[\w.]*\.(Begin|BeginTx)\s*\(', c):
        a, b = base.func_body(f, m.start())
        var = m.group(1)
        cm = re.search(re.escape(var) + r'\.Commit\(\)', c[m.end():b])
        end = m.end() + cm.end() if cm else b
        span = f.line(end) - f.line(m.start())
        calls = sorted(set(x.group(1) for x in re.finditer(r'\.(\w+)\s*\(', c[m.end():end])))
        base.emit('TX_SPAN', f, m.start(), '%d lines: %s' % (span, ','.join(calls)[:200]))
    for (a, b, name, _) in f.funcs:
        if name.startswith('<'):
            continue
        body = c[a:b]
        ws = [x.group(1) for x in WRITE.finditer(body)
              if base.GO_DBRECV.search(body[max(0, x.start() - 40):x.end()])]
        commits = len(re.findall(r'\.Commit\(\)', body))
        if len(ws) + commits >= 2:
            base.emit('MULTI_COMMIT', f, a, ','.join(ws) + (' commits=%d' % commits if commits else ''))
    for m in NET.finditer(c):
        base.emit('NET_ANY', f, m.start(), ','.join(f.in_loop(m.start())))
    for m in re.finditer(r'\bfor\s+(\w+)\.Next\(\)\s*\{', c):
        p = m.end() - 1
        q = f.pairs.get(p, p)
        body = c[p:q]
        for d in base.GO_DBRECV.finditer(body):
            if d.group(1) not in (m.group(1),) and d.group(2) not in ('Scan', 'Next', 'Err', 'Close'):
                base.emit('ROWS_LOOP', f, p + d.start(), d.group(0))
    for m in re.finditer(r'(?is)`\s*(select\b[^`]*)`', f.text):
        q = m.group(1)
        if re.search(r'(?i)\blimit\b', q) or re.search(r'(?i)\b(count|sum|max|min)\s*\(', q[:80]):
            continue
        if re.search(r'(?i)where\s+[\w.]*\s*=\s*\?\s*$', q.strip()) and not re.search(r'(?i)order by', q):
            continue
        base.emit('UNBOUNDED', f, m.start(), re.sub(r'\s+', ' ', q)[:120])
    for m in re.finditer(r'\.Lock\(\)', c):
        a, b = base.func_body(f, m.start())
        body = c[m.end():b]
        if re.search(STORE + r'\.\w+\s*\(', body):
            base.emit('LOCK_SPAN', f, m.start(), ','.join(sorted(set(re.findall(STORE + r'\.(\w+)\s*\(', body))))[:160])


g3.scan_go = scan_go
base.scan_go = scan_go

if __name__ == '__main__':
    base.main()
