// path: src/auth.js
// stack: express bcrypt
// bcrypt's *Sync functions hash on the event loop thread.
const express = require('express');
const bcrypt = require('bcrypt');

const router = express.Router();

router.post('/login', (req, res) => {
  const ok = bcrypt.compareSync(req.body.password, req.user.passwordHash); // expect: cpu_bound MEDIUM
  res.json({ ok });
});

// Look-alike: the promise API runs the hash on libuv's thread pool.
router.post('/password', async (req, res) => {
  const hash = await bcrypt.hash(req.body.password, 12);
  res.json({ hash });
});

module.exports = router;
