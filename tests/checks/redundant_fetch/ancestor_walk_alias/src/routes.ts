import express from 'express';
import { canOpenFolder, folderPath, sharedPath } from './folders';

export const routes = express.Router();

// The check loaded the folder; the path walk loads it again first.
routes.get('/folders/:id/path', async (req, res) => {
  const folderId = req.params.id;
  if (!(await canOpenFolder(req.user.id, folderId))) {
    return res.sendStatus(403);
  }
  res.json(await folderPath(folderId)); // expect: redundant_fetch HIGH
});

// Look-alike: the walk starts from another row (the share link's root).
routes.get('/folders/:id/shared-path', async (req, res) => {
  const folderId = req.params.id;
  if (!(await canOpenFolder(req.user.id, folderId))) {
    return res.sendStatus(403);
  }
  res.json(await sharedPath(folderId));
});
