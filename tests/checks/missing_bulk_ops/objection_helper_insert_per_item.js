// path: src/sync/importer.js
// stack: express objection knex pg
// Objection inserts one helper away, called once per imported file: the
// helper's summary knows it inserts a row. A helper that creates a chain
// of folders, each naming the one created before it, is no bulk
// candidate, whoever calls it.
const { Tag, Folder } = require("../models");

async function addTag(name) {
  await Tag.query().insert({ name });
}

async function ensureFolders(parts) {
  let parentId = null;
  for (const part of parts) {
    const f = await Folder.query().insert({ name: part, parentId });
    parentId = f.id;
  }
  return parentId;
}

async function importTags(names) {
  for (const name of names) {
    await addTag(name); // expect: missing_bulk_ops MEDIUM
  }
}

// look-alike: the folder chain of each file's path
async function importFiles(files) {
  for (const file of files) {
    file.folderId = await ensureFolders(file.path.split("/"));
  }
  return files;
}

module.exports = { importTags, importFiles };
