// path: src/server.js
// stack: express bcrypt
// In Node every handler runs on the one event loop: a *Sync call blocks
// all requests whether the handler is async or not.
const express = require('express');
const fs = require('fs');
const { execFileSync } = require('child_process');

const app = express();
// Look-alike: read once at startup, before the server listens.
const banner = fs.readFileSync(__dirname + '/banner.txt', 'utf8');

app.get('/exports/latest', (req, res) => {
  const csv = fs.readFileSync('/srv/exports/latest.csv', 'utf8'); // expect: blocking_io HIGH
  res.type('text/csv').send(banner + csv);
});

app.get('/build', async (req, res) => {
  const sha = execFileSync('git', ['rev-parse', 'HEAD']); // expect: blocking_io HIGH
  res.json({ sha: String(sha).trim() });
});

// Look-alike: the asynchronous API.
app.get('/exports/previous', async (req, res) => {
  const csv = await fs.promises.readFile('/srv/exports/previous.csv', 'utf8');
  res.type('text/csv').send(csv);
});

app.listen(3000);
