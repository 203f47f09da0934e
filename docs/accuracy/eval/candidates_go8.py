#!/usr/bin/env python3
"""Over-approximating candidate finder, eighth Go batch (gin + GORM services whose
services hold a *gorm.DB and open `tx := s.db.Begin()` / `db.Transaction(func(tx
*gorm.DB) ...)` themselves, passing tx to helpers, e.g. pocket-id/pocket-id).
Extends candidates_go7.py (imported unchanged, which imports candidates_go6.py,
candidates_go4.py, candidates_go3.py and candidates_node_go.py). Written for the
evaluation answer keys; never run on or derived from ppaudit.

usage: candidates_go8.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)
       (same output format: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code)

Additions (Go only)
 - GORM terminal / builder calls count as DB calls everywhere (GO_DB: First, Find, Take,
   Last, Create, CreateInBatches, Save, Update, Updates, UpdateColumn(s), Delete, Count,
   Pluck, Scan, Raw, FirstOrCreate, FirstOrInit, Association), so the one-hop wrapper
   set (LOOP_WRAPPER) and LOOP_DB / LOOP_WRITE cover GORM;
 - GORM_LOOP: any GORM chain call (incl. Where/Model/Preload/Exec) inside a loop;
 - GORM_TX: `db.Transaction(func(tx *gorm.DB)` bodies are TX regions (TX_NET / TX_SLEEP),
   and every `tx := X.Begin()`: defer-rollback or not, number of lines to Commit, the
   non-tx calls made in between (network, mail, file, storage, other services);
 - TX_HELPER_LOOP: calls in loops that pass a tx / db handle (`f(ctx, ..., tx)`), i.e.
   helpers querying per item inside a transaction;
 - GORM_FIND: `.Find(` chains with flags limit / NO-limit (Limit, Offset, Paginate,
   Scopes in the statement) and cols / NO-cols (Select, Pluck, Omit);
 - PRELOAD: every Preload / Joins (eager loading facts for n_plus_one review);
 - GORM_OPEN: gorm.Open / DB() with the pool setters found in the file;
 - NET_CALL: outbound calls (http Do/Get, ldap Search/Bind, s3 Put/Get, email Send,
   geolite download, storage Save/Delete/Open) with whether they sit in a TX region.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_go7 as g7  # noqa: E402
base = g7.base

GORM_TERM = r'First|Find|Take|Last|Create|CreateInBatches|Save|Update|Updates|UpdateColumn|UpdateColumns|Delete|Count|Pluck|Scan|Raw|FirstOrCreate|FirstOrInit|Association'
# GORM chains are written `X.\n\t\tFind(...)`: allow whitespace after the dot
base.GO_DB = re.compile(base.GO_DB.pattern.replace(r'\.(', r'\.\s*(' + GORM_TERM + '|', 1))
GORM_ANY = re.compile(r'\.\s*(' + GORM_TERM + r'|Where|Model|Preload|Exec|Joins|Clauses)\s*\(')
NET = re.compile(r'\.(Do|Search|Bind|DialURL|PutObject|GetObject|DeleteObject|ListObjectsV2|SendEmail|Send|Download\w*|Fetch\w*|Resolve\w*)\s*\(|\bhttp\.(Get|Post|NewRequest\w*)\s*\(|\bstorage\.\w+\s*\(|\.(fileStorage|storage)\.\w+\s*\(|\bemail\.\w+\s*\(|SendEmail\w*\s*\(')

_prev_regions = base.File.regions


def regions(self):
    _prev_regions(self)
    if not self.go:
        return
    c = self.code
    for m in re.finditer(r'\.Transaction\s*\(\s*func\b', c):
        p = c.find('(', m.start())
        if p in self.pairs:
            self.txs.append((p, self.pairs[p], 'Transaction'))


base.File.regions = regions
_prev = base.scan_go


def scan_go(f, wr):
    _prev(f, wr)
    c = f.code
    for m in GORM_ANY.finditer(c):
        loops = f.in_loop(m.start())
        if loops:
            base.emit('GORM_LOOP', f, m.start(), m.group(1) + ' ' + ','.join(loops))
    for m in re.finditer(r'(\w+)\s*:?=\s*[\w.()]*?\.Begin\s*\(\s*\)', c):
        a, b = base.func_body(f, m.start())
        var = m.group(1)
        rest = c[m.end():b]
        dr = bool(re.search(r'defer\s+(func\s*\(\)\s*\{[^}]*)?' + re.escape(var) + r'\.Rollback', rest))
        cm = re.search(re.escape(var) + r'\.Commit\s*\(', rest)
        span = rest[:cm.start()] if cm else rest
        calls = sorted(set(x for x in re.findall(r'\b((?:\w+\.)+\w+)\s*\(', span)
                           if not x.startswith((var + '.', 'fmt.', 'errors.', 'slog.', 'strings.', 'time.', 'utils.', 'dto.', 'model.', 'apperror.', 'common.'))))
        base.emit('GORM_TX', f, m.start(), '%s lines=%d calls=%s' % ('defer-rollback' if dr else 'NO-defer-rollback', span.count('\n'), ' '.join(calls)[:400]))
    for t in f.txs:
        if t[2] != 'Transaction':
            continue
        body = c[t[0]:t[1]]
        calls = sorted(set(x for x in re.findall(r'\b((?:\w+\.)+\w+)\s*\(', body) if not x.startswith(('tx.', 'fmt.', 'errors.'))))
        base.emit('GORM_TX', f, t[0], 'Transaction lines=%d calls=%s' % (body.count('\n'), ' '.join(calls)[:400]))
    for m in re.finditer(r'(?<![\w.])(\w+(?:\.\w+)*)\s*\(([^()]*\b(tx|db|s\.db)\b[^()]*)\)', c):
        loops = f.in_loop(m.start())
        if loops and not GORM_ANY.match(c, m.start() + m.group(1).rfind('.')):
            base.emit('TX_HELPER_LOOP', f, m.start(), m.group(1) + ' ' + ','.join(loops))
    for m in re.finditer(r'\.\s*Find\s*\(', c):
        s = max(c.rfind('\n\n', 0, m.start()), c.rfind(':=', 0, m.start()) - 200, 0)
        stmt = c[s:m.start()]
        stmt = stmt[stmt.rfind('err ='):] if 'err =' in stmt else stmt
        lim = 'limit' if re.search(r'\.(Limit|Offset|Scopes)\s*\(|Paginate', stmt) else 'NO-limit'
        cols = 'cols' if re.search(r'\.(Select|Omit|Pluck)\s*\(', stmt) else 'NO-cols'
        base.emit('GORM_FIND', f, m.start(), lim + ',' + cols)
    for m in re.finditer(r'\.\s*(Preload|Joins)\s*\(', c):
        base.emit('PRELOAD', f, m.start(), m.group(1))
    for m in re.finditer(r'\bgorm\.Open\s*\(', c):
        fl = ','.join(sorted(set(re.findall(r'Set(MaxOpenConns|MaxIdleConns|ConnMaxLifetime|ConnMaxIdleTime)', c)))) or 'NO-pool-setters'
        base.emit('GORM_OPEN', f, m.start(), fl)
    for m in NET.finditer(c):
        base.emit('NET_CALL', f, m.start(), ('in-tx ' if f.in_tx(m.start()) else '') + ','.join(f.in_loop(m.start())))


base.scan_go = scan_go
g7.g6.g4.g3.scan_go = scan_go

if __name__ == '__main__':
    base.main()
