#!/usr/bin/env python3
"""Over-approximating candidate finder, sixth Python batch (plain Django class-based views,
no DRF; ActivityPub federation, Celery, Redis streams, book-data connectors).
usage: candidates_py6.py ROOT SUBDIR [SUBDIR...] [--skip REGEX]
Runs candidates_py4.py unchanged (which runs candidates_py3.py and candidates_py2.py; all
their kinds, same arguments), then adds from one more AST pass:
  AP_LOOP    inside a for-loop / comprehension: ActivityPub and federation helpers that query
             or fetch per item (to_activity, serialize, to_model, resolve_remote_id,
             get_or_create, update_or_create, broadcast, get_data/get_activitypub_data,
             .delay( / apply_async, skeleton/search helpers, redis pipeline-less r.* calls)
  ASYNC_DEF  every async def with its span (for blocking_io / cpu_bound / sync_sleep review)
  MODEL_IO   a model method (save/delete/broadcast/...) whose body does network, task or
             file work (runs inside whatever transaction the caller holds)
  PAGINATE   Paginator( / .page( (unbounded list vs paginated list)
"""
import ast, os, re, subprocess, sys
HERE=os.path.dirname(os.path.abspath(__file__))
args=sys.argv[1:]
sys.stdout.flush()
subprocess.run([sys.executable, os.path.join(HERE,'candidates_py4.py')]+args, check=False)
sys.stdout.flush()
extra_skip=None
if '--skip' in args:
    i=args.index('--skip'); extra_skip=re.compile(args[i+1]); del args[i:i+2]
ROOT=args[0]; SUBS=args[1:]
SKIP=re.compile(r'(^|/)(tests?|migrations|alembic|node_modules|venv|\.venv|vendor|fixtures)(/|$)|(^|/)test_[^/]*\.py$|_test\.py$|conftest\.py$')
AP=re.compile(r'(to_activity|serialize|to_model|resolve_remote_id|get_or_create|update_or_create|broadcast|get_data|get_activitypub_data|\.delay|apply_async|get_or_create_remote|search|skeleton|add_status|remove_object_from|add_object_to|r\.(zadd|zrem|set|get|delete|zrange|expire)|\.save|\.exists|\.count|\.get|\.first)$')
NET=re.compile(r'requests\.|get_data|get_image|broadcast|\.delay\(|apply_async|urlopen|sign_and_send|open\(|\.save\(.*File|ContentFile|set_cover_from_url|storage')
def name(n):
    if isinstance(n,ast.Name): return n.id
    if isinstance(n,ast.Attribute):
        b=name(n.value); return (b+'.' if b else '')+n.attr
    if isinstance(n,ast.Call): return name(n.func)
    return ''
def files():
    for s in SUBS:
        for dp,dn,fn in os.walk(os.path.join(ROOT,s)):
            for f in fn:
                p=os.path.relpath(os.path.join(dp,f),ROOT)
                if f.endswith('.py') and not SKIP.search(p) and not (extra_skip and extra_skip.search(p)): yield p
for p in sorted(files()):
    try: src=open(os.path.join(ROOT,p),encoding='utf-8').read(); tree=ast.parse(src)
    except Exception as e: print(f'PARSE_FAIL\t{p}\t{e}'); continue
    lines=src.splitlines()
    def emit(k,n,fn): print(f'{k}\t{p}:{n.lineno}\t{fn}\t{lines[n.lineno-1].strip()[:110]}')
    def walk(node,fn,inloop,cls):
        for ch in ast.iter_child_nodes(node):
            f=fn; lp=inloop; c=cls
            if isinstance(ch,ast.ClassDef): c=ch.name
            if isinstance(ch,(ast.FunctionDef,ast.AsyncFunctionDef)):
                f=(cls+'.' if cls else '')+ch.name; lp=False
                if isinstance(ch,ast.AsyncFunctionDef): print(f'ASYNC_DEF\t{p}:{ch.lineno}-{ch.end_lineno}\t{f}\t')
                if p.startswith('bookwyrm/models') and cls and ch.name in ('save','delete','broadcast','set_remote_server','to_activity'):
                    for sub in ast.walk(ch):
                        if isinstance(sub,ast.Call) and NET.search(ast.get_source_segment(src,sub) or ''):
                            emit('MODEL_IO',sub,f)
            if isinstance(ch,(ast.For,ast.AsyncFor,ast.While,ast.ListComp,ast.SetComp,ast.DictComp,ast.GeneratorExp)): lp=True
            if isinstance(ch,ast.Call):
                nm=name(ch.func)
                if inloop and AP.search(nm): emit('AP_LOOP',ch,fn)
                if nm.endswith('Paginator') or nm.endswith('.page') or nm.endswith('get_page'): emit('PAGINATE',ch,fn)
            walk(ch,f,lp,c)
    walk(tree,'<module>',False,'')
