#!/usr/bin/env python3
"""Over-approximating candidate finder. usage: cands.py ROOT SUBDIR [SUBDIR...]
Prints: KIND path:line func | code"""
import ast, sys, os, re
ROOT=sys.argv[1]; SUBS=sys.argv[2:]
SKIP=re.compile(r'(^|/)(tests?|migrations|alembic|node_modules|venv|\.venv|vendor|fixtures)(/|$)|(^|/)test_[^/]*\.py$|_test\.py$|conftest\.py$')
DBREAD=re.compile(r'(\.objects\.|\.query\(|\.query\.|session\.(get|execute|scalar|scalars|query)\(|db\.(get|execute|scalar|query)\(|\.get_or_create\(|\.filter\(|\.filter_by\(|\.first\(\)|\.one\(\)|\.all\(\)|\.count\(\)|\.exists\(\)|\.get\(pk|\.get\(id|get_by_id|\.fetch|\.execute\()')
DBWRITE=re.compile(r'(\.save\(|\.delete\(|\.update\(|\.add\(|\.merge\(|\.commit\(|\.create\(|bulk_|\.execute\()')
BLOCK=re.compile(r'(^|[^.\w])open\(|requests\.|urllib\.request|urlopen|subprocess\.|os\.system|time\.sleep|read_text|read_bytes|write_text|write_bytes|\.query\(|session\.|Session\(|db\.|\.commit\(|\.execute\(|hashlib|bcrypt|Image\.open|json\.load\(|BeautifulSoup')
NET=re.compile(r'requests\.|httpx\.|aiohttp|urlopen|boto|client\.|\.send\(|smtp|send_mail|send_email|\.post\(|\.get\(http|grpc|(^|[^.\w])open\(|\.delay\(|apply_async')
def src(n,lines):
    return lines[n.lineno-1].strip()[:150]
def funcname(stack):
    return '.'.join(stack) or '<module>'
class V(ast.NodeVisitor):
    def __init__(s,path,text):
        s.path=path; s.lines=text.splitlines(); s.stack=[]; s.loops=0; s.async_=[]; s.tx=0; s.tries=[]
    def out(s,kind,n,extra=''):
        print(f"{kind}\t{s.path}:{n.lineno}\t{funcname(s.stack)}\t{src(n,s.lines)}{extra}")
    def visit_FunctionDef(s,n,a=False):
        s.stack.append(n.name); ol=s.loops; s.loops=0; s.async_.append(a); otx=s.tx; s.tx=0
        for d in n.body: s.visit(d)
        s.stack.pop(); s.loops=ol; s.async_.pop(); s.tx=otx
    def visit_AsyncFunctionDef(s,n): s.visit_FunctionDef(n,True)
    def visit_ClassDef(s,n):
        s.stack.append(n.name)
        for d in n.body: s.visit(d)
        s.stack.pop()
    def loop(s,n):
        s.loops+=1; s.generic_visit(n); s.loops-=1
    visit_For=visit_AsyncFor=visit_While=visit_ListComp=visit_SetComp=visit_DictComp=visit_GeneratorExp=loop
    def visit_With(s,n):
        t=' '.join(ast.unparse(i.context_expr) for i in n.items)
        istx=bool(re.search(r'atomic|begin\(|transaction',t))
        if re.search(r'Session\(|connect\(|session_scope|get_db|atomic|begin',t): s.out('WITH',n)
        s.tx+=istx; s.generic_visit(n); s.tx-=istx
    visit_AsyncWith=visit_With
    def visit_Call(s,n):
        try: c=ast.unparse(n.func)
        except Exception: c=''
        full=c+'('
        if s.loops:
            if DBREAD.search(full) or re.search(r'objects|query|session|get_|fetch|load|find|lookup|exists|count',c, re.I):
                s.out('LOOP_READ',n)
            if DBWRITE.search(full):
                s.out('LOOP_WRITE',n)
        if s.async_ and s.async_[-1] and BLOCK.search(full):
            s.out('ASYNC_BLOCK',n)
        if s.tx and NET.search(full):
            s.out('TX_NET',n)
        if c.endswith('commit'):
            s.out('COMMIT',n)
        if re.search(r'create_engine|create_async_engine|sessionmaker|NullPool|QueuePool',c):
            s.out('ENGINE',n)
        if re.search(r'(^|\.)(Session|SessionLocal|ScopedSession|scoped_session|connect|raw_connection|cursor)$',c):
            s.out('ACQUIRE',n)
        if re.search(r'add_task|create_task|StreamingResponse|EventSourceResponse|Thread\(|submit|run_in_executor|to_thread|threadpool',c):
            s.out('SPAWN',n)
        s.generic_visit(n)
    def visit_AugAssign(s,n):
        if s.loops and isinstance(n.op,ast.Add): s.out('AUG_ADD',n)
        s.generic_visit(n)
    def visit_Attribute(s,n):
        s.generic_visit(n)
for sub in SUBS:
  for dp,dn,fn in os.walk(os.path.join(ROOT,sub)):
    for f in sorted(fn):
        p=os.path.join(dp,f); rel=os.path.relpath(p,ROOT)
        if not f.endswith('.py') or SKIP.search(rel): continue
        t=open(p,encoding='utf-8',errors='replace').read()
        try: tree=ast.parse(t)
        except SyntaxError as e: print('PARSE_ERR',rel,e); continue
        V(rel,t).visit(tree)
