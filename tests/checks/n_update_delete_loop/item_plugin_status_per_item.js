// path: src/models/targets.js
// stack: express objection knex pg
// Per configured target, the loop loads that target's own plugin module
// (a path built from the target's key), awaits its init(), and records
// the outcome in one UPDATE. The plugin's work is each pass's cost; one
// set-based statement could not run it.
const { Target } = require("./index");

async function initTargets(targets) {
  for (const target of targets) {
    target.fn = require(`../plugins/${target.key}/target`);
    try {
      await target.fn.init(target.config);
      await Target.query().patch({ state: "ok" }).where("key", target.key);
    } catch (err) {
      await Target.query().patch({ state: "error" }).where("key", target.key);
    }
  }
}

// one module for every target, its init() no work of the item's own plugin
async function markTargets(targets) {
  for (const target of targets) {
    target.fn = require("../plugins/noop");
    await target.fn.init(target.config);
    await Target.query().patch({ state: "ok" }).where("key", target.key); // expect: n_update_delete_loop HIGH
  }
}

module.exports = { initTargets, markTargets };
