#!/usr/bin/env python3
"""Over-approximating candidate finder, fourth Python batch (Django 3.2, custom DRF fork,
serpy LightSerializers, Celery, RabbitMQ events, importers, webhooks).
usage: candidates_py4.py ROOT SUBDIR [SUBDIR...] [--skip REGEX]
Runs candidates_py3.py unchanged (which runs candidates_py2.py; all their kinds), then adds:
  ATOMIC4       transaction.atomic / tx.atomic (any alias) block or decorator with its span,
                followed by ATOMIC4_IO lines for calls inside that look like network, event bus,
                mail, task-queue, storage or importer-client work (wider list than py3)
  LSER          serpy LightSerializer / Serializer method get_* / to_value whose body queries,
                walks a manager (.all()/.count()/.exists()/_set) or calls a project service
  ON_COMMIT     transaction.on_commit( (deferred work, pairs with ATOMIC4)
  RAW_SQL       connection.cursor( / cursor.execute( / .raw( / RawSQL (set-based or per-row?)
  LOOP_SVC      call to services.* / *_service.* / get_*/update_*/create_*/delete_* helpers
                inside a for-loop or comprehension (one or two calls away from the DB)
  NET_CALL      requests.* / urlopen / self._client.* / session.get|post outside atomic (context
                for long_held_transaction when DB reads precede it in autocommit mode)
"""
import ast, os, re, subprocess, sys
HERE=os.path.dirname(os.path.abspath(__file__))
args=sys.argv[1:]
sys.stdout.flush()
subprocess.run([sys.executable, os.path.join(HERE,'candidates_py3.py')]+args, check=False)
extra_skip=None
if '--skip' in args:
    i=args.index('--skip'); extra_skip=re.compile(args[i+1]); del args[i:i+2]
ROOT=args[0]; SUBS=args[1:]
SKIP=re.compile(r'(^|/)(tests?|migrations|alembic|node_modules|venv|\.venv|vendor|fixtures)(/|$)|(^|/)test_[^/]*\.py$|_test\.py$|conftest\.py$')
IO=re.compile(r'requests\.|httpx\.|urlopen|urllib|smtp|send_mail|mail_builder|EmailMessage|\.send\(|\.delay\(|apply_async|emit_event|send_notifications|webhook|_send_request|subprocess|(^|[^.\w])open\(|shutil\.|os\.(rename|remove|unlink|replace|makedirs)|storage\.|default_storage|\.save\(.*File|ContentFile|download|upload|_client\.|self\._client|\.get_thumbnail|get_thumbnailer|render_to_string|dump_project|store_project|export|publish|pika|kombu')
QUERYISH=re.compile(r'\.objects\b|\.filter\(|\.exclude\(|\.get\(|\.count\(|\.exists\(|\.all\(|\.first\(|\.last\(|\.aggregate\(|\.annotate\(|_set\b|services\.|get_user_|get_photo|get_.*_url\(|has_perm|is_.*\(|get_.*permissions|_perms')
SVC=re.compile(r'(^|\.)(services|\w+_service|\w+_services)\.|(^|\.)(get|update|create|delete|set|add|remove|sync|store|import|calculate|recalculate|mark|update_)\w*$')
def src(lines,n): return lines[n-1].strip()[:150]
def files():
    for sub in SUBS:
        for dp,dn,fn in os.walk(os.path.join(ROOT,sub)):
            dn.sort()
            for f in sorted(fn):
                p=os.path.join(dp,f); rel=os.path.relpath(p,ROOT)
                if not f.endswith('.py') or SKIP.search(rel) or (extra_skip and extra_skip.search(rel)): continue
                yield rel, open(p,encoding='utf-8',errors='replace').read()
def out(kind,rel,n,fn,lines,extra=''):
    print(f"{kind}\t{rel}:{n}\t{fn}\t{src(lines,n)}{extra}")
def cname(c):
    try: return ast.unparse(c.func)
    except Exception: return ''
for rel,t in files():
    try: tree=ast.parse(t)
    except SyntaxError: continue
    lines=t.splitlines()
    parents={}
    for p in ast.walk(tree):
        for ch in ast.iter_child_nodes(p): parents[ch]=p
    def encl(n):
        while n in parents:
            n=parents[n]
            if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)): return n.name
        return '<module>'
    def inloop(n):
        while n in parents:
            n=parents[n]
            if isinstance(n,(ast.For,ast.AsyncFor,ast.While,ast.ListComp,ast.SetComp,ast.DictComp,ast.GeneratorExp)): return True
            if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef,ast.Lambda)): return False
        return False
    def inatomic(n):
        while n in parents:
            n=parents[n]
            if isinstance(n,(ast.With,ast.AsyncWith)) and any(re.search(r'atomic',ast.unparse(i.context_expr)) for i in n.items): return True
            if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)):
                return any(re.search(r'atomic',ast.unparse(d)) for d in n.decorator_list)
        return False
    for n in ast.walk(tree):
        blocks=[]
        if isinstance(n,(ast.With,ast.AsyncWith)) and any(re.search(r'atomic',ast.unparse(i.context_expr)) for i in n.items): blocks.append(n)
        if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)) and any(re.search(r'atomic',ast.unparse(d)) for d in n.decorator_list): blocks.append(n)
        for b in blocks:
            out('ATOMIC4',rel,b.lineno,b.name if isinstance(b,(ast.FunctionDef,ast.AsyncFunctionDef)) else encl(b),lines,f'  [span {b.end_lineno-b.lineno+1}]')
            for c in ast.walk(b):
                if isinstance(c,ast.Call) and IO.search(cname(c)+'('): out('ATOMIC4_IO',rel,c.lineno,encl(c),lines)
        if isinstance(n,ast.ClassDef):
            bases=' '.join(ast.unparse(b) for b in n.bases)
            if re.search(r'Serializer',bases+n.name):
                for m in n.body:
                    if isinstance(m,ast.FunctionDef) and re.match(r'(get_|to_value)',m.name):
                        body='\n'.join(lines[m.lineno-1:m.end_lineno])
                        if QUERYISH.search(body): out('LSER',rel,m.lineno,f'{n.name}.{m.name}',lines)
        if isinstance(n,ast.Call):
            c=cname(n)
            if c.endswith('on_commit'): out('ON_COMMIT',rel,n.lineno,encl(n),lines)
            if re.search(r'(connection\.cursor|cursor\.execute|\.raw|RawSQL|executemany)$',c): out('RAW_SQL',rel,n.lineno,encl(n),lines)
            if inloop(n) and SVC.search(c) and not re.search(r'^(self\.)?(request|kwargs|data|dict|d|obj|options|params|headers)\.get$|\.get$',c):
                out('LOOP_SVC',rel,n.lineno,encl(n),lines)
            if re.search(r'^requests\.|urlopen|(^|\.)_client\.|^self\._client|session\.(get|post|request)$',c) and not inatomic(n):
                out('NET_CALL',rel,n.lineno,encl(n),lines)
