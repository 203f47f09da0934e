// path: src/routes/uploads.ts
// stack: express
// Sync fs calls in an async handler: reading a file's data blocks for as
// long as the file is large; a metadata call (exists, stat, unlink) is one
// system call and is reported one level lower.
import express from 'express';
import fs from 'fs';
import path from 'path';

export const uploads = express.Router();
const root = process.env.UPLOAD_DIR ?? '/var/lib/uploads';

uploads.get('/uploads/:name', async (req, res) => {
  const file = path.join(root, path.basename(req.params.name));
  if (!fs.existsSync(file)) { // expect: blocking_io MEDIUM
    return res.sendStatus(404);
  }
  const body = fs.readFileSync(file); // expect: blocking_io HIGH
  res.send(body);
});

uploads.delete('/uploads/:name', async (req, res) => {
  const file = path.join(root, path.basename(req.params.name));
  fs.unlinkSync(file); // expect: blocking_io MEDIUM
  res.sendStatus(204);
});
