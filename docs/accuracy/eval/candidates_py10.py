#!/usr/bin/env python3
"""Over-approximating candidate finder, tenth Python batch (Django 5 + DRF, PostgreSQL,
flagsmith-common task processor, DynamoDB/ClickHouse/InfluxDB side stores, webhooks).
usage: candidates_py10.py ROOT SUBDIR [SUBDIR...] [--skip REGEX]
Runs candidates_py9.py unchanged (which runs candidates_py3.py and candidates_py2.py: all
their kinds), then adds:
  TASKFN10   function decorated with register_task_handler / register_recurring_task
             (background entry points of the task processor; their call trees are background)
  HOOK10     django-lifecycle @hook(...) method (runs per save/delete, also inside loops)
  NET10      outbound call (requests./http client/boto3/dynamo table/slack/github/chargebee/
             hubspot/influx/clickhouse) with the enclosing function, flagged IN_ATOMIC when
             lexically inside a transaction.atomic block or an @transaction.atomic function
  LOOPNET10  such an outbound call inside a for/while loop or comprehension
"""
import ast, os, re, subprocess, sys
HERE=os.path.dirname(os.path.abspath(__file__))
args=sys.argv[1:]
sys.stdout.flush()
subprocess.run([sys.executable, os.path.join(HERE,'candidates_py9.py')]+args, check=False)
sys.stdout.flush()
extra_skip=None
if '--skip' in args:
    i=args.index('--skip'); extra_skip=re.compile(args[i+1]); del args[i:i+2]
ROOT=args[0]; SUBS=args[1:]
SKIP=re.compile(r'(^|/)(tests?|migrations|alembic|node_modules|venv|\.venv|vendor|fixtures)(/|$)|(^|/)test_[^/]*\.py$|_test\.py$|conftest\.py$')
NET=re.compile(r'\brequests\.(get|post|put|patch|delete|request|head)\(|\bsession\.(get|post|put|patch|delete|request)\(|urlopen\(|\.put_item\(|\.batch_writer\(|\.query\(\s*\*\*|\.get_item\(|\.delete_item\(|\.update_item\(|chat_postMessage|conversations_|chargebee\.|\.query_api\(|query_api\(\)|\.send_messages?\(|send_mail\(|hubspot|_client\.\w+\(|\.invoke\(|boto3\.')
def dec_names(fn):
    out=[]
    for d in fn.decorator_list:
        n=d.func if isinstance(d,ast.Call) else d
        out.append(ast.unparse(n))
    return out
def is_atomic_with(node):
    return any('atomic' in ast.unparse(it.context_expr) for it in node.items)
class V(ast.NodeVisitor):
    def __init__(s,rel,lines): s.rel=rel; s.lines=lines; s.fn=[]; s.atomic=0; s.loop=0
    def visit_FunctionDef(s,n):
        d=dec_names(n)
        if any('register_task_handler' in x or 'register_recurring_task' in x for x in d):
            print(f"TASKFN10\t{s.rel}:{n.lineno}\t{n.name}\t{', '.join(d)}")
        if any(x=='hook' or x.endswith('.hook') for x in d):
            print(f"HOOK10\t{s.rel}:{n.lineno}\t{n.name}\t{ast.unparse(n.decorator_list[0])[:120]}")
        at=any('atomic' in x for x in d)
        s.fn.append(n.name); s.atomic+=at; ol=s.loop; s.loop=0
        s.generic_visit(n)
        s.fn.pop(); s.atomic-=at; s.loop=ol
    visit_AsyncFunctionDef=visit_FunctionDef
    def visit_With(s,n):
        at=is_atomic_with(n); s.atomic+=at
        s.generic_visit(n); s.atomic-=at
    def _loop(s,n):
        s.loop+=1; s.generic_visit(n); s.loop-=1
    visit_For=visit_While=visit_ListComp=visit_SetComp=visit_DictComp=visit_GeneratorExp=_loop
    def visit_Call(s,n):
        seg=s.lines[n.lineno-1].strip()
        if NET.search(ast.unparse(n.func)+'('):
            kind='LOOPNET10' if s.loop else 'NET10'
            flag=' IN_ATOMIC' if s.atomic else ''
            print(f"{kind}\t{s.rel}:{n.lineno}\t{s.fn[-1] if s.fn else '-'}{flag}\t{seg[:140]}")
        s.generic_visit(n)
for sub in SUBS:
    for dp,dn,fn in os.walk(os.path.join(ROOT,sub)):
        dn.sort()
        for f in sorted(fn):
            p=os.path.join(dp,f); rel=os.path.relpath(p,ROOT)
            if not f.endswith('.py') or SKIP.search(rel) or (extra_skip and extra_skip.search(rel)): continue
            src=open(p,encoding='utf-8',errors='replace').read()
            try: t=ast.parse(src)
            except SyntaxError as e: print(f"PARSE_ERROR\t{rel}:{e.lineno}"); continue
            V(rel,src.splitlines()).visit(t)
