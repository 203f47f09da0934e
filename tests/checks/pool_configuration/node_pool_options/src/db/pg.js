// pg pools: one at the driver's defaults, one sized.
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.DATABASE_URL }); // expect: pool_configuration LOW

const replica = new Pool({
  connectionString: process.env.REPLICA_URL,
  max: 30,
  idleTimeoutMillis: 30000
});

module.exports = { pool, replica };
