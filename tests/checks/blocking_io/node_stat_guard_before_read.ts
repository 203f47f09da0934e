// path: src/routes/reports.ts
// stack: express
// A stat that guards a read of the same path, once per item of a loop: the
// read it guards (asynchronous here) costs far more than the stat, so the
// stat is silent. A loop that only stats (keeps the paths that exist), or
// stats one path and reads another, stays reported.
import express from 'express';
import fs from 'fs';
import path from 'path';
import readline from 'readline';

export const reports = express.Router();
const dir = process.env.REPORT_DIR ?? '/var/lib/reports';

// A project reader built on a read stream: asynchronous.
const readLines = (file: string) =>
  new Promise<string[]>((resolve, reject) => {
    const out: string[] = [];
    const rl = readline.createInterface({ input: fs.createReadStream(file) });
    rl.on('line', (l) => out.push(l));
    rl.on('close', () => resolve(out));
    rl.on('error', reject);
  });

reports.post('/reports/days', async (req, res) => {
  const days: string[] = req.body.days;
  const pending = [];
  for (const day of days) {
    const file = path.join(dir, `report.${day}`);
    if (fs.existsSync(file)) {
      pending.push(readLines(file));
    }
  }
  res.json(await Promise.all(pending));
});

reports.post('/reports/raw', async (req, res) => {
  const names: string[] = req.body.names;
  const bodies = [];
  for (const name of names) {
    const file = path.join(dir, path.basename(name));
    if (fs.existsSync(file)) {
      bodies.push(await fs.promises.readFile(file, 'utf8'));
    }
  }
  res.json(bodies);
});

// Look-alike: only stats; nothing is read after.
reports.post('/reports/present', async (req, res) => {
  const names: string[] = req.body.names;
  const present: string[] = [];
  for (const name of names) {
    const file = path.join(dir, path.basename(name));
    if (fs.existsSync(file)) { // expect: blocking_io MEDIUM
      present.push(file);
    }
  }
  res.json(present);
});

// Look-alike: stats one path, reads another.
reports.post('/reports/fallback', async (req, res) => {
  const names: string[] = req.body.names;
  const bodies = [];
  for (const name of names) {
    const marker = path.join(dir, `${path.basename(name)}.ready`);
    const file = path.join(dir, path.basename(name));
    if (fs.existsSync(marker)) { // expect: blocking_io MEDIUM
      bodies.push(await fs.promises.readFile(file, 'utf8'));
    }
  }
  res.json(bodies);
});
