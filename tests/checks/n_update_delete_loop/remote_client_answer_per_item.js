// path: src/jobs/refresh-languages.js
// stack: express objection knex pg apollo-fetch
// Per language, the job asks a remote GraphQL endpoint for that
// language's strings, then saves the answer in one UPDATE. The remote
// call, made through a client built by createApolloFetch, is the work
// of each pass; one set-based statement could not replace it.
const { createApolloFetch } = require("apollo-fetch");
const { Language } = require("../models");

function buildQuery(code) {
  return { query: "query ($code: String!) { strings(code: $code) { key value } }", variables: { code } };
}

async function refreshLanguages(endpoint, codes) {
  const remote = createApolloFetch({ uri: endpoint });
  for (const code of codes) {
    const resp = await remote(buildQuery(code));
    await Language.query().patch({ strings: resp.data.strings }).where("code", code);
  }
}

// not a client of another service: a local function of the module's own
async function renameLanguages(codes, suffix) {
  const label = (code) => Promise.resolve(`${code}-${suffix}`);
  for (const code of codes) {
    const name = await label(code);
    await Language.query().patch({ name }).where("code", code); // expect: n_update_delete_loop HIGH
  }
}

module.exports = { refreshLanguages, renameLanguages };
