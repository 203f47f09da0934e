#!/usr/bin/env python3
"""Over-approximating candidate finder, fifth Go batch (xorm services where a
*xorm.Session `s` is threaded through every model function, e.g.
go-vikunja/vikunja: db.NewSession() opens a session AND begins a transaction).
Extends candidates_go4.py (imported unchanged; it extends candidates_go3.py and
candidates_node_go.py). Written for the evaluation answer keys; never run on or
derived from ppaudit.

usage: candidates_go5.py ROOT PATH [PATH...]   (PATH = folder or file under ROOT)
       (same output format: KIND <TAB> path:line <TAB> enclosing-func <TAB> flags <TAB> code)

Additions (Go only)
 - XORM_LOOP: xorm builder/terminal calls inside a loop (.Find/.Get/.Insert/.Update/
   .Delete/.Count/.Exist/.Iterate/.Exec/.Query/.SQL/.Where/.In/.Cols/.NoAutoCondition);
 - SESS_LOOP: any call taking the session as an argument (`f(s, ...)`, `x.M(s, ...)`,
   `f(ctx, s, ...)`) inside a loop: a helper that queries, called per item;
 - SESS_HELPER_LOOP: calls, inside a loop, of functions whose signature has a
   `*xorm.Session` parameter (name list built over all scanned files);
 - NEWSESSION: db.NewSession()/x.NewSession()/engine.NewSession() with flags
   defer-close / closed / NOT-closed and the number of lines to the last Commit;
 - SESS_NET: network/mail/file calls made between NewSession() and the function end
   (transaction_wide / long_held_transaction review; NewSession begins a transaction);
 - SESS_COMMIT: functions with more than one Commit() or a Commit followed by writes;
 - FIND_NOLIMIT: .Find( on a chain with no .Limit( in the same statement (unbounded
   list queries / over_fetching review), flag = whether .Cols/.Select restricts columns;
 - ENGINE: xorm.NewEngine / NewEngineGroup with the pool setters in the same function.
"""
import os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates_go4 as g4  # noqa: E402
base = g4.base

XORM = re.compile(r'\.(Find|FindAndCount|Get|Insert|InsertOne|Update|Delete|Count|Exist|Iterate|Exec|Query|QueryString|'
                  r'QueryInterface|SQL|Where|In|NotIn|Cols|NoAutoCondition|Sum|SumInt|Rows|Table|Join)\s*\(')
SESSARG = re.compile(r'\b([\w.]*\w)\s*\(\s*(?:ctx\s*,\s*)?(s|sess|session|tx)\s*[,)]')
NET = re.compile(r'\bhttp\.(Get|Post|Head|PostForm|NewRequest\w*)\s*\(|\.Do\s*\(|\bmail\.\w+\s*\(|SendMail|'
                 r'notifications\.Notify\w*\s*\(|\.Notify\s*\(|unsplash\.|webhook|ldap\.|\.Bind\s*\(|\.Search\s*\(|'
                 r'files\.Create\w*\s*\(|\.Save\s*\(|os\.(Open|Create|ReadFile|WriteFile|Remove\w*)\s*\(|'
                 r'afero|keyvalue\.\w+\s*\(|typesense|oauth2|\.Exchange\s*\(|\.Verify\s*\(|avatar|'
                 r'io\.Copy|\.Upload\w*\s*\(|DownloadFile|DoGetWithHeaders|DoPost\w*\s*\(', re.I)
HELPERS = set()

_orig_scan_go = g4.scan_go


def collect(files):
    for f in files:
        for m in re.finditer(r'\bfunc\s*(?:\([^)]*\)\s*)?(\w+)\s*\(([^)]*)\)', f.code):
            if '*xorm.Session' in m.group(2):
                HELPERS.add(m.group(1))


def scan_go(f, wr):
    _orig_scan_go(f, wr)
    c = f.code
    for m in XORM.finditer(c):
        loops = f.in_loop(m.start())
        if loops:
            base.emit('XORM_LOOP', f, m.start(), ','.join(loops))
    for m in SESSARG.finditer(c):
        loops = f.in_loop(m.start())
        if loops:
            base.emit('SESS_LOOP', f, m.start(), m.group(1) + ' ' + ','.join(loops))
    for m in re.finditer(r'\b(\w+)\s*\(', c):
        if m.group(1) in HELPERS and f.in_loop(m.start()) and not SESSARG.match(c, m.start()):
            base.emit('SESS_HELPER_LOOP', f, m.start(), m.group(1))
    for m in re.finditer(r'(\w+)\s*:?=\s*[\w.]*\.NewSession\s*\(\s*\)', c):
        a, b = base.func_body(f, m.start())
        var = m.group(1)
        rest = c[m.end():b]
        fl = 'defer-close' if re.search(r'defer\s+(func\s*\(\)\s*\{\s*)?[^\n]*' + re.escape(var) + r'\.Close\(\)', rest) else \
             ('closed' if re.search(re.escape(var) + r'\.Close\(\)', rest) else 'NOT-closed')
        cms = [x.end() for x in re.finditer(re.escape(var) + r'\.Commit\(\)', rest)]
        span = (f.line(m.end() + cms[-1]) - f.line(m.start())) if cms else (f.line(b) - f.line(m.start()))
        base.emit('NEWSESSION', f, m.start(), '%s commits=%d span=%d' % (fl, len(cms), span))
        end = m.end() + (cms[-1] if cms else len(rest))
        for n in NET.finditer(c, m.end(), end):
            base.emit('SESS_NET', f, n.start(), n.group(0))
    for (a, b, name, _) in f.funcs:
        if name.startswith('<'):
            continue
        body = c[a:b]
        n = len(re.findall(r'\.Commit\(\)', body))
        if n >= 2:
            base.emit('SESS_COMMIT', f, a, 'commits=%d' % n)
    for m in re.finditer(r'\.Find\s*\(', c):
        st = c.rfind('\n\n', 0, m.start())
        ls = c.rfind(':=', 0, m.start())
        ls2 = c.rfind('err =', 0, m.start())
        s0 = max(st, min(x for x in (ls, ls2, m.start() - 600) if x >= 0) if True else 0)
        chain = c[max(0, m.start() - 600):m.end()]
        chain = chain[chain.rfind('\n\t', 0, chain.rfind('\n\t') if chain.count('\n\t') else 0):]
        fl = ('limit' if '.Limit(' in chain else 'NO-limit') + (',cols' if re.search(r'\.(Cols|Select)\(', chain) else '')
        base.emit('FIND_NOLIMIT', f, m.start(), fl)
    for m in re.finditer(r'xorm\.NewEngine\w*\s*\(', c):
        a, b = base.func_body(f, m.start())
        fl = ','.join(sorted(set(re.findall(r'Set(MaxOpenConns|MaxIdleConns|ConnMaxLifetime|ConnMaxIdleTime)', c[a:b])))) or 'NO-pool-setters'
        base.emit('ENGINE', f, m.start(), fl)


g4.scan_go = scan_go
base.scan_go = scan_go
_orig_wrappers = base.wrappers


def wrappers(files):
    collect([x for x in files if x.go])
    return _orig_wrappers(files)


base.wrappers = wrappers

if __name__ == '__main__':
    base.main()
