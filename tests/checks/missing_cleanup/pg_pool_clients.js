// path: src/reports/daily.js
// stack: express pg
// pool.connect() hands out a client that must go back with release().
const { Pool } = require('pg');

const pool = new Pool({ max: 10, idleTimeoutMillis: 10000 });

async function dailyTotals(day) {
  const client = await pool.connect(); // expect: missing_cleanup HIGH
  const { rows } = await client.query('SELECT sum(cents) AS total FROM payments WHERE day = $1', [day]);
  client.release();
  return rows[0].total;
}

async function refundsFor(day) {
  const client = await pool.connect(); // expect: missing_cleanup HIGH
  const { rows } = await client.query('SELECT id FROM refunds WHERE day = $1', [day]);
  return rows;
}

// Look-alikes: released in finally, and pool.query which checks out and
// back in by itself.
async function chargebacksFor(day) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT id FROM chargebacks WHERE day = $1', [day]);
    return rows;
  } finally {
    client.release();
  }
}

async function payoutsFor(day) {
  const { rows } = await pool.query('SELECT id FROM payouts WHERE day = $1', [day]);
  return rows;
}

module.exports = { dailyTotals, refundsFor, chargebacksFor, payoutsFor };
