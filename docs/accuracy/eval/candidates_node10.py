#!/usr/bin/env python3
"""Over-approximating candidate finder, tenth batch (Node/TypeScript: Express 4 + TypeORM 0.3
with entity listeners (@AfterInsert/@AfterUpdate...) and EntitySubscriberInterface classes,
eager relations, a module-level DataSource).  Imports candidates_node9.py unchanged (and
through it candidates_node_go.py); written for the evaluation answer keys, never run on or
derived from ppaudit.

usage: candidates_node10.py ROOT PATH [PATH...]
       output: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code

Additional kinds (all node9 / base kinds keep their meaning):
 - HOOK10     an entity listener (@AfterInsert/@AfterUpdate/@BeforeInsert/@BeforeUpdate/
              @AfterRemove/@BeforeRemove/@AfterLoad) or a subscriber method (afterInsert,
              afterUpdate, beforeInsert, beforeUpdate, afterRemove, beforeRemove) and every
              call inside its body, flagged db / net / other.  TypeORM runs these inside the
              save()/remove() transaction (sqlite and postgres), so awaited calls there are
              candidates for transaction_wide / long_held_transaction.
 - EAGER10    a relation decorator with `eager: true` (every find on the entity joins it)
 - RELLOAD10  find*/findOne* calls passing `relations:` (flag: in-loop or not)
 - DS10       DataSource option objects (those with `synchronize:`) with or without extra/poolSize
 - SAVE_ARG10 .save( calls with the argument kind (array = one transaction; single = per call)
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_node9 as n9  # noqa: E402
base = n9.base

HOOK_DEC = re.compile(r'@(AfterInsert|AfterUpdate|BeforeInsert|BeforeUpdate|AfterRemove|BeforeRemove|AfterLoad|AfterSoftRemove)\s*\(\s*\)')
SUB_METH = re.compile(r'\b(?:public\s+|async\s+)*(afterInsert|afterUpdate|beforeInsert|beforeUpdate|afterRemove|beforeRemove|afterLoad)\s*\(')
NET = re.compile(r'\b(axios|fetch|got|request|sendNotification|notificationManager|\w*Api\b|radarr|sonarr|plex\w*|jellyfin\w*|tmdb|sendMedia|sendTo\w+|webpush|sendMail|\.send)\b', re.I)

_scan = n9.scan_js


def body_after(f, pos):
    c = f.code
    q = c.find('{', pos)
    if q < 0:
        return None
    e = f.pairs.get(q)
    if e is None:
        return None
    return q, e


def scan_js(f, wr):
    _scan(f, wr)
    c = f.code
    starts = []
    for m in HOOK_DEC.finditer(c):
        mm = re.compile(r'\b(\w+)\s*\([^)]*\)\s*(:\s*[^{]+)?\{').search(c, m.end())
        if mm:
            starts.append((m.start(), mm.end() - 1, m.group(1) + ':' + mm.group(1)))
    if re.search(r'implements\s+EntitySubscriberInterface', c):
        for m in SUB_METH.finditer(c):
            mm = re.compile(r'\)\s*(:\s*[^{;]+)?\{').search(c, m.end())
            if mm:
                starts.append((m.start(), mm.end() - 1, 'subscriber:' + m.group(1)))
    for (s, q, label) in starts:
        e = f.pairs.get(q)
        if e is None:
            continue
        base.emit('HOOK10', f, s, label)
        body = c[q:e]
        for m in re.finditer(r'(?:\bawait\s+)?\b((?:this\.)?[\w$]+(?:\.[\w$]+)*)\s*\(', body):
            name = m.group(1)
            if name in ('if', 'for', 'while', 'switch', 'catch', 'return', 'function'):
                continue
            kind = 'db' if base.JS_DB.search(body[m.start():m.start() + 200].split('\n')[0]) else (
                'net' if NET.search(name) else 'other')
            aw = 'await' if m.group(0).startswith('await') else 'no-await'
            base.emit('HOOK10', f, q + m.start(), f'{label},{kind},{aw},{name}')
    for m in re.finditer(r'eager\s*:\s*true', c):
        base.emit('EAGER10', f, m.start(), '')
    for m in re.finditer(r'\brelations\s*:', c):
        base.emit('RELLOAD10', f, m.start(), ','.join(f.in_loop(m.start())) or 'no-loop')
    for m in re.finditer(r"\bsynchronize\s*:", c):  # string literals are blanked by the base reader
        o = c.rfind('{', 0, m.start())
        e = f.pairs.get(o, len(c))
        obj = c[o:e]
        fl = ('extra/poolSize' if re.search(r'\b(extra|poolSize)\s*:', obj) else 'NO-extra/poolSize')
        base.emit('DS10', f, m.start(), fl)
    for m in re.finditer(r'\.save\s*\(\s*(\[|\w+)', c):
        fl = ('array-literal' if m.group(1) == '[' else 'ident:' + m.group(1)) + ',' + (','.join(f.in_loop(m.start())) or 'no-loop')
        base.emit('SAVE_ARG10', f, m.start(), fl)


n9.scan_js = scan_js
base.scan_js = scan_js

if __name__ == '__main__':
    base.main()
