// knex reads `pool` beside `client` and `connection`; inside
// `connection` it is handed to the driver and ignored.
const knex = require("knex");

const base = { client: "pg", connection: process.env.DATABASE_URL };

const db = knex({ // expect: pool_configuration LOW
  client: process.env.DB_CLIENT,
  connection: {
    host: process.env.DB_HOST,
    database: process.env.DB_NAME,
    pool: {
      min: Number(process.env.DB_POOL_MIN),
      max: Number(process.env.DB_POOL_MAX)
    }
  }
});

const reports = knex({
  client: "pg",
  connection: process.env.REPORTS_URL,
  pool: { min: 0, max: 4 }
});

// options from elsewhere: unknown, silent
const audit = knex({ ...base, searchPath: ["audit"] });

// SQLite in-process: no server connections to size
const cache = knex({ client: "better-sqlite3", connection: { filename: ":memory:" } });

module.exports = { db, reports, audit, cache };
