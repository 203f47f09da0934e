"use server";

import { actionClient, db } from "../../lib/db";
import { adoptDrafts, createWorkspace, loadBranding } from "../../lib/workspaces";

// A server action built by a chain at module level: the workspace is
// committed, then the drafts are moved into it in another commit.
export const setupWorkspaceAction = actionClient
  .metadata({ actionName: "setup_workspace" })
  .action(async ({ parsedInput }: { parsedInput: { ownerId: string; name: string } }) => {
    const workspace = await createWorkspace(parsedInput.ownerId, parsedInput.name); // expect: transaction_narrow HIGH
    await adoptDrafts(parsedInput.ownerId, workspace.id);
    return workspace;
  });

// Look-alike: the same two writes in one transaction.
export const setupAtomicallyAction = actionClient
  .metadata({ actionName: "setup_atomically" })
  .action(async ({ parsedInput }: { parsedInput: { ownerId: string; name: string } }) => {
    return db.$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { ownerId: parsedInput.ownerId, name: parsedInput.name } });
      await tx.draft.updateMany({ where: { ownerId: parsedInput.ownerId, workspaceId: null }, data: { workspaceId: workspace.id } });
      return workspace;
    });
  });

// Look-alike: a callback handed to a call at module level runs once, at
// startup; its synchronous file read serves no request.
process.nextTick(async () => {
  const branding = loadBranding();
  console.log(branding.length);
});
