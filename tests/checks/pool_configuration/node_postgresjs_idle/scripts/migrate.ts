// A one-off migration run: nothing sits idle for long.
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL as string, { max: 1 });

async function main() {
  await sql`select 1`;
  await sql.end();
}

main();
