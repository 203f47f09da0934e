import prisma from '@/lib/prisma';
import cache from '@/lib/cache';

type Attr = { name: string; value: string };

// The client reached as `const { client } = db`: one INSERT per attribute.
export async function saveAttributes(visitorId: string, attrs: Attr[]) {
  const { client } = prisma;

  for (const attr of attrs) {
    await client.visitorAttribute.create({ data: { visitorId, name: attr.name, value: attr.value } }); // expect: missing_bulk_ops MEDIUM
  }
}

// Renamed while destructuring: the same client.
export async function saveTags(visitorId: string, tags: string[]) {
  const { client: store } = prisma;

  for (const tag of tags) {
    await store.visitorTag.create({ data: { visitorId, tag } }); // expect: missing_bulk_ops MEDIUM
  }
}

// Look-alike: a `client` destructured from the cache module is no
// database client.
export async function warmCache(keys: string[]) {
  const { client } = cache;

  for (const key of keys) {
    await client.entries.create({ key });
  }
}

// Look-alike: the alias lives in another function; this `client` is a
// parameter of unknown kind.
export async function forward(client: any, events: string[]) {
  for (const name of events) {
    await client.events.create({ name });
  }
}

// Look-alike: one createMany through the destructured client.
export async function saveAttributesAtOnce(visitorId: string, attrs: Attr[]) {
  const { client } = prisma;

  await client.visitorAttribute.createMany({ data: attrs.map((a) => ({ visitorId, ...a })) });
}
