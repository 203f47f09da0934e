import express from 'express';
import { getMembership, getProject, touchProject } from '../lib/db';
import { canManageProject, canReadProject } from '../lib/permissions';

export const projects = express.Router();

// The permission check loaded the project; the handler loads it again.
projects.get('/projects/:id', async (req, res) => {
  const projectId = req.params.id;
  if (!(await canReadProject(req.user, projectId))) {
    return res.sendStatus(403);
  }
  const project = await getProject(projectId); // expect: redundant_fetch HIGH
  res.json(project);
});

// Look-alike: the check reads the caller's membership, the handler
// another user's: two different rows of a composite key.
projects.get('/projects/:id/members/:userId', async (req, res) => {
  const projectId = req.params.id;
  if (!(await canManageProject(req.user, projectId))) {
    return res.sendStatus(403);
  }
  res.json(await getMembership(projectId, req.params.userId));
});

// Look-alike: the second call writes, it does not load.
projects.post('/projects/:id/touch', async (req, res) => {
  const projectId = req.params.id;
  if (!(await canReadProject(req.user, projectId))) {
    return res.sendStatus(403);
  }
  await touchProject(projectId);
  res.sendStatus(204);
});

// Look-alike: the check runs on one branch only, the load on the other.
projects.get('/projects/:id/public', async (req, res) => {
  const projectId = req.params.id;
  if (req.query.preview) {
    const ok = await canReadProject(req.user, projectId);
    return res.json({ ok });
  }
  res.json(await getProject(projectId));
});
