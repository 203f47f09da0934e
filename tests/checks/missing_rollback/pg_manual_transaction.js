// path: src/routes/transfers.js
// stack: express pg
// BEGIN/COMMIT sent through a pg client: without a ROLLBACK in catch the
// connection goes back to the pool inside an aborted transaction.
const express = require('express');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20, idleTimeoutMillis: 30000 });
const router = express.Router();

router.post('/transfers', async (req, res) => {
  const { from, to, cents } = req.body;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE wallets SET cents = cents - $1 WHERE id = $2', [cents, from]);
    await client.query('UPDATE wallets SET cents = cents + $1 WHERE id = $2', [cents, to]);
    await client.query('COMMIT'); // expect: missing_rollback MEDIUM
  } finally {
    client.release();
  }
  res.sendStatus(204);
});

// Look-alike: the same transfer with ROLLBACK in catch and release in finally.
router.post('/transfers/safe', async (req, res) => {
  const { from, to, cents } = req.body;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE wallets SET cents = cents - $1 WHERE id = $2', [cents, from]);
    await client.query('UPDATE wallets SET cents = cents + $1 WHERE id = $2', [cents, to]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  res.sendStatus(204);
});

module.exports = router;
