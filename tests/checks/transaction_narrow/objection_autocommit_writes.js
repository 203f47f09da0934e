// path: src/models/accounts.js
// stack: express objection knex pg
// Objection model builders and the Knex instance run each statement on a
// pooled connection of its own and commit it alone, unless a transaction
// is handed to them (query(trx), trx('t')). Dependent writes committed
// one by one are half of one change when the second fails.
const { Account, Invite } = require("./index");
const registry = require("../registry");

async function openAccount(data, teamIds) {
  const acct = await registry.models.accounts.query().insert({ name: data.name }); // expect: transaction_narrow HIGH
  if (teamIds.length > 0) {
    await acct.$relatedQuery("teams").relate(teamIds);
  }
  return acct;
}

async function addOwner(data) {
  const acct = await Account.query().insertAndFetch({ name: data.name }); // expect: transaction_narrow HIGH
  await registry.models.owners.query().insert({ accountId: acct.id, email: data.email });
  return acct;
}

// the blob row of a new account, through the Knex instance
async function storeLogo(row, bytes) {
  const acct = await Account.query().insert(row); // expect: transaction_narrow HIGH
  await registry.models.knex("accountLogos").insert({ id: acct.id, data: bytes });
  return acct;
}

// the child rows, then the account, both by the same argument
async function closeAccount(args) {
  await registry.models.knex("accountLogos").where("id", args.id).del(); // expect: transaction_narrow MEDIUM
  await Account.query().deleteById(args.id);
}

// looked up first; created in the else branch, then its rows written there
async function importAccount(data, teamIds) {
  let acct = await Account.query().findOne({ name: data.name });
  if (acct) {
    return acct;
  } else {
    acct = await Account.query().insert({ name: data.name }); // expect: transaction_narrow HIGH
    await acct.$relatedQuery("teams").relate(teamIds);
  }
  return acct;
}

// look-alikes

// the same writes on a transaction the caller hands over
async function openAccountIn(trx, data, teamIds) {
  const acct = await Account.query(trx).insert({ name: data.name });
  await acct.$relatedQuery("teams", trx).relate(teamIds);
  await trx("accountLogos").insert({ id: acct.id });
  return acct;
}

// the writes inside a managed transaction callback
async function openAccountAtomically(data, teamIds) {
  return Account.transaction(async (trx) => {
    const acct = await Account.query(trx).insert({ name: data.name });
    await acct.$relatedQuery("teams", trx).relate(teamIds);
    return acct;
  });
}

// one write, then a read of the new row
async function createOnly(data) {
  const acct = await Account.query().insert({ name: data.name });
  return Account.query().findById(acct.id);
}

// a write that does not name the new row
async function createAndTouch(data) {
  const acct = await Account.query().insert({ name: data.name });
  await Invite.query().patch({ seen: true }).where("email", data.email);
  return acct;
}

// the new row updated once its id is known: one row, not parent and child
async function createWithSlug(data) {
  const acct = await Account.query().insert({ name: data.name });
  await Account.query().patch({ slug: `a-${acct.id}` }).findById(acct.id);
  return acct;
}

// get-or-create: the row the relate names is either the found or the new one
async function ensureAccount(data, teamIds) {
  let acct = await Account.query().findOne({ name: data.name });
  if (!acct) {
    acct = await Account.query().insert({ name: data.name });
  }
  await acct.$relatedQuery("teams").relate(teamIds);
  return acct;
}

// one statement in each branch of an if/else, never both
async function rename(opts) {
  if (opts.returning) {
    await Account.query().returning("id").patch({ name: opts.name }).where("ownerId", opts.owner);
  } else {
    await Account.query().patch({ name: opts.name }).where("ownerId", opts.owner);
  }
}

module.exports = {
  openAccount, addOwner, storeLogo, closeAccount, importAccount, openAccountIn,
  openAccountAtomically, createOnly, createAndTouch, createWithSlug, ensureAccount, rename,
};
