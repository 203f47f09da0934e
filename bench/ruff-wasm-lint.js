#!/usr/bin/env node
// ruff-wasm-lint.js TREE — lints every .py file under TREE with ruff's
// WebAssembly build and its flake8-async (ASYNC) rules; prints the number
// of files and diagnostics. A baseline for bench/compare.sh: the same files
// ppaudit reads, one process, no cache.
//
// Needs the npm package @astral-sh/ruff-wasm-nodejs; NODE_PATH or
// RUFF_WASM (the package directory) says where it is. Reads files only.
'use strict';
const fs = require('fs');
const path = require('path');

const pkg = process.env.RUFF_WASM || '@astral-sh/ruff-wasm-nodejs';
const { Workspace, PositionEncoding } = require(pkg);

const skip = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', 'build', 'dist']);
function* walk(dir) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		if (e.isSymbolicLink()) continue;
		const p = path.join(dir, e.name);
		if (e.isDirectory()) { if (!skip.has(e.name)) yield* walk(p); }
		else if (e.isFile() && e.name.endsWith('.py')) yield p;
	}
}

const ws = new Workspace({ lint: { select: ['ASYNC'] } }, PositionEncoding.Utf8);
let files = 0, diags = 0;
for (const f of walk(process.argv[2] || '.')) {
	files++;
	try { diags += ws.check(fs.readFileSync(f, 'utf8')).length; } catch (e) { /* unparsable */ }
}
console.log(`ruff-wasm: ${files} files, ${diags} diagnostics`);
