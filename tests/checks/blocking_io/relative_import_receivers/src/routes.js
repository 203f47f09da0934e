import express from "express";
import cache from "./lib/cache.js";
import store from "./lib/filestore.js";

export const routes = express.Router();

// The file store's set reads and rewrites a file on the event loop.
routes.post("/prefs/:key", async (req, res) => {
  store.set(req.params.key, req.body.value); // expect: blocking_io HIGH
  res.sendStatus(204);
});

// Look-alike: the redis client's set is not the file store's set, though
// both are called `set`.
routes.post("/cache/:key", async (req, res) => {
  cache.set(req.params.key, req.body.value); // not awaited: fire and forget
  res.sendStatus(204);
});
