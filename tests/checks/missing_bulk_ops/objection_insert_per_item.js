// path: src/services/labels.js
// stack: express objection knex pg
// Objection's insert() on a model's query() per new label is one INSERT
// per label. A chain of rows where each insert names the key the previous
// insert generated (a path of nested folders) cannot be one statement.
const { Label, Folder } = require("../models");

async function addLabels(names) {
  for (const name of names) {
    await Label.query().insert({ name }); // expect: missing_bulk_ops MEDIUM
  }
}

// look-alike: one multi-row insert
async function addLabelsAtOnce(names) {
  await Label.query().insert(names.map((name) => ({ name })));
}

// look-alike: each folder's parentId is the id the previous insert returned
async function makePath(parts) {
  let parentId = null;
  for (const part of parts) {
    const created = await Folder.query().insert({ name: part, parentId });
    parentId = created.id;
  }
  return parentId;
}

module.exports = { addLabels, addLabelsAtOnce, makePath };
