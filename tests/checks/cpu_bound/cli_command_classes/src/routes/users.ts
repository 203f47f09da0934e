import express from 'express';
import { hashSecret } from '../lib/hashing';
import { ResetCommand } from '../lib/command';

const router = express.Router();

// Look-alike: the same helper on a request path stays reported.
router.post('/users/password', async (req, res) => {
  const hashed = hashSecret(req.body.password); // expect: cpu_bound MEDIUM
  res.json({ hashed });
});

router.post('/users/reset', async (req, res) => {
  res.json({ hash: await new ResetCommand().execute(req.body.password) });
});

export default router;
