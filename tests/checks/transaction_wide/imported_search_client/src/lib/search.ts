import { MeiliSearch } from 'meilisearch';

export const searchClient = new MeiliSearch({ host: process.env.MEILI_HOST ?? 'http://search:7700' });

// Not a client: a plain settings object under a similar name.
export const searchSettings = { index: 'notes', batch: 500 };
