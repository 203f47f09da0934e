// A one-off script: its pool lives for one run.
const { Pool } = require("pg");

async function main() {
  const pool = new Pool();
  try {
    await pool.query("SELECT 1");
  } finally {
    await pool.end();
  }
}

main();
