// path: src/routes/mail.ts
// stack: express
// A sync read of a file whose path is fixed (literals under the working
// directory or the module's folder): a template shipped with the service,
// the same few kilobytes on every call, served from the page cache. Silent.
// A path that depends on the request or the environment is reported.
import express from 'express';
import fs, { readFileSync } from 'fs';
import path from 'path';

export const mail = express.Router();
const templates = path.resolve(__dirname, 'templates');
const uploads = process.env.UPLOAD_DIR ?? '/var/lib/uploads';

mail.post('/invite', async (req, res) => {
  const html = readFileSync(path.join(process.cwd(), 'templates', 'invite.html'), 'utf8');
  res.send(html.replace('{{email}}', String(req.body.email)));
});

mail.post('/reset', async (req, res) => {
  const dir = path.resolve(process.cwd(), 'templates');
  const html = fs.readFileSync(path.join(dir, 'reset.html'), 'utf8');
  const footer = fs.readFileSync(path.join(templates, 'footer.html'), 'utf8');
  res.send(html + footer);
});

mail.get('/preview/:lang', async (req, res) => {
  const html = fs.readFileSync(`templates/${req.params.lang}.html`, 'utf8'); // expect: blocking_io HIGH
  res.send(html);
});

mail.get('/attachment/:name', async (req, res) => {
  const body = fs.readFileSync(path.join(uploads, path.basename(req.params.name))); // expect: blocking_io HIGH
  res.send(body);
});

mail.post('/outbox', async (req, res) => {
  fs.writeFileSync(path.join(process.cwd(), 'outbox.json'), JSON.stringify(req.body)); // expect: blocking_io HIGH
  res.sendStatus(202);
});

// A bare relative name is not anchored at the service's folder: it may be
// data the process writes in its working directory.
mail.get('/report', async (req, res) => {
  res.send(fs.readFileSync('reports/latest.csv', 'utf8')); // expect: blocking_io HIGH
});
