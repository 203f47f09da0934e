// path: src/routes/uploads.ts
// stack: express
// Sync fs calls in an async handler: reading a file's data blocks for as
// long as the file is large. One metadata call on one path (exists, stat,
// unlink) is a single system call of microseconds: silent. The same call
// once per item of a list is reported, one level lower than a data read.
import express from 'express';
import fs from 'fs';
import path from 'path';

export const uploads = express.Router();
const root = process.env.UPLOAD_DIR ?? '/var/lib/uploads';

uploads.get('/uploads/:name', async (req, res) => {
  const file = path.join(root, path.basename(req.params.name));
  if (!fs.existsSync(file)) {
    return res.sendStatus(404);
  }
  const body = fs.readFileSync(file); // expect: blocking_io HIGH
  res.send(body);
});

uploads.delete('/uploads/:name', async (req, res) => {
  const file = path.join(root, path.basename(req.params.name));
  fs.unlinkSync(file);
  res.sendStatus(204);
});

uploads.post('/uploads/purge', async (req, res) => {
  const names: string[] = req.body.names;
  for (const name of names) {
    fs.unlinkSync(path.join(root, path.basename(name))); // expect: blocking_io MEDIUM
  }
  res.sendStatus(204);
});
