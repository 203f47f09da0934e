// path: src/services/membership.js
// stack: express objection knex pg
// Objection's relate() on a $relatedQuery() inserts one join row per call:
// per group in a loop it is one INSERT per group.
async function joinGroups(user, groupIds) {
  for (const gid of groupIds) {
    await user.$relatedQuery("groups").relate(gid); // expect: missing_bulk_ops MEDIUM
  }
}

// look-alike: one relate() with the whole id list
async function joinAll(user, groupIds) {
  await user.$relatedQuery("groups").relate(groupIds);
}

module.exports = { joinGroups, joinAll };
