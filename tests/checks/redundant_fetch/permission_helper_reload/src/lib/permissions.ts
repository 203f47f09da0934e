import { getMembership, getProject } from './db';

// Loads the whole project only to compare its owner.
export async function canReadProject(user: { id: string; admin: boolean }, projectId: string) {
  if (user.admin) {
    return true;
  }
  const project = await getProject(projectId);
  return project?.ownerId === user.id;
}

// Membership rows are keyed by project and user together.
export async function canManageProject(user: { id: string }, projectId: string) {
  const membership = await getMembership(projectId, user.id);
  return membership?.role === 'owner';
}
