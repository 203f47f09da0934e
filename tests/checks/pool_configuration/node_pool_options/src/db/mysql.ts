// mysql2 pools: connectionLimit defaults to 10.
import mysql from "mysql2/promise";

export const pool = mysql.createPool({ uri: process.env.MYSQL_URL, waitForConnections: true }); // expect: pool_configuration LOW

const options = { uri: process.env.MYSQL_URL, connectionLimit: 25, maxIdle: 5 };
export const sized = mysql.createPool(options);
