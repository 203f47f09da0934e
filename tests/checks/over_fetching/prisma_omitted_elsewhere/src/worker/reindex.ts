import { db } from "../lib/db";

// Look-alike: a worker batch needs the page text it indexes.
export async function nextBatch(after: number) {
  const clips = await db.clip.findMany({ where: { id: { gt: after } }, take: 20 });
  return clips;
}

async function main() {
  let after = 0;
  for (;;) {
    const batch = await nextBatch(after);
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
  }
}

main();
