// path: src/routes/about.ts
// stack: express
// A stat per path of a fixed handful of candidate locations (the first
// package.json found walking up from the build folder) is a few system
// calls of microseconds each, however often it runs: silent, directly and
// through the helper that does it. A stat per item of a list that grows
// with the data (a parameter, a spread, a list pushed to) is reported,
// one level lower than a data read.
import express from 'express';
import fs from 'fs';
import path from 'path';

export const about = express.Router();

function findManifest(): string {
  const candidates = [
    path.join(__dirname, '..', 'package.json'),
    path.join(__dirname, '..', '..', 'package.json'),
    path.join(__dirname, '..', '..', '..', 'package.json'),
  ];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return '';
}

about.get('/about', async (req, res) => {
  const manifest = findManifest();
  const text = await fs.promises.readFile(manifest, 'utf8');
  res.json({ version: JSON.parse(text).version });
});

about.get('/about/plugins', async (req, res) => {
  const dirs = [path.join(__dirname, 'plugins'), ...(req.body.extra as string[])];
  const found: string[] = [];
  for (const dir of dirs) {
    if (fs.existsSync(dir)) found.push(dir); // expect: blocking_io MEDIUM
  }
  res.json(found);
});

about.post('/about/check', async (req, res) => {
  const dirs = [path.join(__dirname, 'plugins')];
  dirs.push(...(req.body.paths as string[]));
  const found: string[] = [];
  for (const dir of dirs) {
    if (fs.existsSync(dir)) found.push(dir); // expect: blocking_io MEDIUM
  }
  res.json(found);
});
