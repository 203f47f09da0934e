// path: src/services/modules.js
// stack: express objection knex pg
// Objection writes per item: patch()/delete() on a model's query() chain,
// and unrelate() on a $relatedQuery(), each one statement per row.
const { Module } = require("../models");
const registry = require("../registry");

async function saveModules(modules) {
  for (const mod of modules) {
    await registry.models.modules.query().patch({ isEnabled: mod.isEnabled }).where("key", mod.key); // expect: n_update_delete_loop HIGH
  }
}

async function dropModules(keys) {
  for (const key of keys) {
    await Module.query().delete().where("key", key); // expect: n_update_delete_loop HIGH
  }
}

async function leaveGroups(user, groupIds) {
  for (const gid of groupIds) {
    await user.$relatedQuery("groups").unrelate().where("groupId", gid); // expect: n_update_delete_loop HIGH
  }
}

// look-alikes: one statement for the whole list
async function disableAll(keys) {
  await Module.query().patch({ isEnabled: false }).whereIn("key", keys);
  await Module.query().delete().whereIn("key", keys);
}

module.exports = { saveModules, dropModules, leaveGroups, disableAll };
