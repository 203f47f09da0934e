export class LocalShelf {
  cook = { findUnique: async (q: { where: { id: number } }) => ({ id: q.where.id, banned: false }) };
}
