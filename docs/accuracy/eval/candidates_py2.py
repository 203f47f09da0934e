#!/usr/bin/env python3
"""Over-approximating candidate finder, second Python batch (extends candidates.py).
usage: candidates_py2.py ROOT SUBDIR [SUBDIR...] [--skip REGEX]
Prints: KIND path:line func | code

Kinds of candidates.py (LOOP_READ, LOOP_WRITE, ASYNC_BLOCK, TX_NET, COMMIT, ENGINE,
ACQUIRE, SPAWN, AUG_ADD, WITH) plus, from a first pass that collects every function
(by simple name) whose body touches the database (DBFUNC set):
  LOOP_DBCALL   call to a project function that queries, inside a loop/comprehension
  ASYNC_DBCALL  call to such a function (or sync session use) inside an async def
  ROLLBACK      every rollback() (to pair with COMMIT)
  SLEEP         time.sleep / asyncio.sleep / sleep(
  OPEN          open( / NamedTemporaryFile / mkstemp not used as a with-item
  LIST          .all() / fetchall() / objects.all() outside loops (unbounded list reads)
  SELECT_STAR   string constant containing SELECT *
  YIELD_SESS    generator function that yields while a session/connection name is in scope
  CPU           hashlib/bcrypt/json.loads/Image.open/BeautifulSoup/lxml/pandas inside async def
  ALLOC         len([..]) any([..]) all([..]) sum([..]) set([..]) join([..]) list(list-ish)
  COPY          .copy() / dict(x) / list(x) of a name
"""
import ast, sys, os, re
args=sys.argv[1:]
extra_skip=None
if '--skip' in args:
    i=args.index('--skip'); extra_skip=re.compile(args[i+1]); del args[i:i+2]
ROOT=args[0]; SUBS=args[1:]
SKIP=re.compile(r'(^|/)(tests?|migrations|alembic|node_modules|venv|\.venv|vendor|fixtures)(/|$)|(^|/)test_[^/]*\.py$|_test\.py$|conftest\.py$')
DBREAD=re.compile(r'(\.objects\.|\.query\(|\.query\.|session\.(get|execute|scalar|scalars|query|exec)\(|db\.(get|execute|scalar|query)\(|\.get_or_create\(|\.filter\(|\.filter_by\(|\.first\(\)|\.one\(\)|\.all\(\)|\.count\(\)|\.exists\(\)|\.get\(pk|\.get\(id|get_by_id|\.fetch|\.execute\(|\.exec\()')
DBWRITE=re.compile(r'(\.save\(|\.delete\(|\.update\(|\.add\(|\.merge\(|\.commit\(|\.create\(|bulk_|\.execute\(|\.flush\()')
DBBODY=re.compile(r'(\bsession\.(get|execute|exec|scalar|scalars|query|add|commit|delete|flush)\(|\.query\(|\.query\.|\.objects\.|db\.session|Session\(|get_session_sync|\.execute\(|\.exec\(|\.fetchall\(|\.fetchone\()')
BLOCK=re.compile(r'(^|[^.\w])open\(|requests\.|urllib\.request|urlopen|subprocess\.|os\.system|time\.sleep|read_text|read_bytes|write_text|write_bytes|\.query\(|session\.|Session\(|db\.|\.commit\(|\.execute\(|\.exec\(|hashlib|bcrypt|Image\.open|json\.load\(|BeautifulSoup|get_session_sync|redis')
CPU=re.compile(r'hashlib|bcrypt|json\.loads?$|Image\.open|BeautifulSoup|etree\.|pandas|pd\.read|cv2\.|deepcopy|yaml\.(safe_)?load|jinja|render')
NET=re.compile(r'requests\.|httpx\.|aiohttp|urlopen|boto|client\.|\.send\(|smtp|send_mail|send_email|\.post\(|\.get\(http|grpc|(^|[^.\w])open\(|\.delay\(|apply_async|enqueue|notify|pusher|trigger')
def src(n,lines):
    return lines[n.lineno-1].strip()[:150]
def funcname(stack):
    return '.'.join(stack) or '<module>'
def files():
    for sub in SUBS:
        for dp,dn,fn in os.walk(os.path.join(ROOT,sub)):
            dn.sort()
            for f in sorted(fn):
                p=os.path.join(dp,f); rel=os.path.relpath(p,ROOT)
                if not f.endswith('.py') or SKIP.search(rel) or (extra_skip and extra_skip.search(rel)): continue
                yield rel, open(p,encoding='utf-8',errors='replace').read()
# pass 1: functions that touch the DB
DBFUNC=set()
PARSED=[]
for rel,t in files():
    try: tree=ast.parse(t)
    except SyntaxError as e: print('PARSE_ERR',rel,e); continue
    PARSED.append((rel,t,tree))
    lines=t.splitlines()
    for n in ast.walk(tree):
        if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)):
            body='\n'.join(lines[n.lineno-1:getattr(n,'end_lineno',n.lineno)])
            if DBBODY.search(body) and n.name not in ('__init__','get','post','put','delete','patch','__call__','run','main'):
                DBFUNC.add(n.name)
class V(ast.NodeVisitor):
    def __init__(s,path,text):
        s.path=path; s.lines=text.splitlines(); s.stack=[]; s.loops=0; s.async_=[]; s.tx=0; s.withitems=set()
    def out(s,kind,n,extra=''):
        print(f"{kind}\t{s.path}:{n.lineno}\t{funcname(s.stack)}\t{src(n,s.lines)}{extra}")
    def visit_FunctionDef(s,n,a=False):
        s.stack.append(n.name); ol=s.loops; s.loops=0; s.async_.append(a); otx=s.tx; s.tx=0
        body='\n'.join(s.lines[n.lineno-1:getattr(n,'end_lineno',n.lineno)])
        if any(isinstance(x,(ast.Yield,ast.YieldFrom)) for x in ast.walk(n)) and re.search(r'session|Session\(|conn|cursor|db\.',body):
            s.out('YIELD_SESS',n)
        for d in n.body: s.visit(d)
        s.stack.pop(); s.loops=ol; s.async_.pop(); s.tx=otx
    def visit_AsyncFunctionDef(s,n): s.visit_FunctionDef(n,True)
    def visit_Lambda(s,n):
        s.generic_visit(n)
    def visit_ClassDef(s,n):
        s.stack.append(n.name)
        for d in n.body: s.visit(d)
        s.stack.pop()
    def loop(s,n):
        s.loops+=1; s.generic_visit(n); s.loops-=1
    visit_For=visit_AsyncFor=visit_While=visit_ListComp=visit_SetComp=visit_DictComp=visit_GeneratorExp=loop
    def visit_With(s,n):
        t=' '.join(ast.unparse(i.context_expr) for i in n.items)
        for i in n.items:
            if isinstance(i.context_expr,ast.Call): s.withitems.add(id(i.context_expr))
        istx=bool(re.search(r'atomic|begin\(|transaction|Session\(|session_scope|get_session',t))
        if re.search(r'Session\(|connect\(|session_scope|get_db|get_session|atomic|begin|lock',t): s.out('WITH',n)
        s.tx+=istx; s.generic_visit(n); s.tx-=istx
    visit_AsyncWith=visit_With
    def visit_Constant(s,n):
        if isinstance(n.value,str) and re.search(r'select\s+\*',n.value,re.I): s.out('SELECT_STAR',n)
    def visit_Call(s,n):
        try: c=ast.unparse(n.func)
        except Exception: c=''
        full=c+'('
        short=c.split('.')[-1]
        inasync=bool(s.async_ and s.async_[-1])
        if s.loops:
            if DBREAD.search(full) or re.search(r'objects|query|session|get_|fetch|load|find|lookup|exists|count',c, re.I):
                s.out('LOOP_READ',n)
            if DBWRITE.search(full):
                s.out('LOOP_WRITE',n)
            if short in DBFUNC: s.out('LOOP_DBCALL',n)
        elif re.search(r'(\.all|fetchall|\.objects\.all)$',c): s.out('LIST',n)
        if inasync:
            if BLOCK.search(full): s.out('ASYNC_BLOCK',n)
            elif short in DBFUNC: s.out('ASYNC_DBCALL',n)
            if CPU.search(c): s.out('CPU',n)
        if s.tx and NET.search(full):
            s.out('TX_NET',n)
        if c.endswith('commit'): s.out('COMMIT',n)
        if c.endswith('rollback'): s.out('ROLLBACK',n)
        if re.search(r'(^|\.)sleep$',c): s.out('SLEEP',n)
        if re.search(r'create_engine|create_async_engine|sessionmaker|NullPool|QueuePool|StaticPool|ConnectionPool|Redis\(|from_url',c):
            s.out('ENGINE',n)
        if re.search(r'(^|\.)(Session|SessionLocal|ScopedSession|scoped_session|connect|raw_connection|cursor|get_session_sync|existed_or_new_session)$',c):
            s.out('ACQUIRE',n)
        if re.search(r'(^|\.)(open|NamedTemporaryFile|TemporaryFile|mkstemp|urlopen)$',c) and id(n) not in s.withitems:
            s.out('OPEN',n)
        if re.search(r'add_task|create_task|StreamingResponse|EventSourceResponse|Thread\(|submit|run_in_executor|to_thread|threadpool|enqueue|Process$|ensure_future|gather$',c):
            s.out('SPAWN',n)
        if c in ('len','any','all','sum','set','list','tuple','sorted','max','min') and n.args and isinstance(n.args[0],ast.ListComp):
            s.out('ALLOC',n)
        if short=='join' and n.args and isinstance(n.args[0],ast.ListComp): s.out('ALLOC',n)
        if (short=='copy' and not n.args) or (c in ('dict','list') and len(n.args)==1 and isinstance(n.args[0],(ast.Name,ast.Attribute))):
            s.out('COPY',n)
        s.generic_visit(n)
    def visit_AugAssign(s,n):
        if s.loops and isinstance(n.op,ast.Add): s.out('AUG_ADD',n)
        s.generic_visit(n)
for rel,t,tree in PARSED:
    V(rel,t).visit(tree)
