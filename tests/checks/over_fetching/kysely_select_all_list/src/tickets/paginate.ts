export async function paginate<Q extends { execute(): Promise<unknown[]> }>(
  query: Q,
  opts: { perPage: number; cursor?: string },
) {
  const items = await query.execute();
  return { items: items.slice(0, opts.perPage), cursor: opts.cursor ?? null };
}
