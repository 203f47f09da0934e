// A maintenance sweep: each stored blob is checked against its row, one
// helper call per blob. The helpers read the row and then write, so
// their calls are per-item work, but the read in them still runs once
// per blob of the listing.
import { eq } from "drizzle-orm";
import { everyBlob, storeFolders, dropBlob, BlobInfo } from "@shelfware/archive/blobs";
import { db } from "../db";
import { blobs, folders, sweepSettings } from "../schema";

// Reads the blob's row by the blob's id, then fixes its size.
async function reconcileBlob(blob: BlobInfo, fixSizes: boolean) {
  const row = await db.query.blobs.findFirst({ where: eq(blobs.id, blob.blobId) }); // expect: n_plus_one MEDIUM
  if (!row) {
    await dropBlob(blob.ownerId, blob.blobId);
    return;
  }
  if (fixSizes) {
    await db.update(blobs).set({ bytes: blob.bytes }).where(eq(blobs.id, blob.blobId));
  }
}

export async function sweepAll(fixSizes: boolean) {
  for await (const blob of everyBlob()) {
    await reconcileBlob(blob, fixSizes); // expect: n_update_delete_loop HIGH
  }
}

// Look-alike: the read does not depend on the item (the sweep's own
// settings row), so it is no per-blob lookup of the blob.
async function stampBlob(blob: BlobInfo) {
  const settings = await db.query.sweepSettings.findFirst({ where: eq(sweepSettings.id, 1) });
  await db.update(blobs).set({ sweptBy: settings?.owner ?? "" }).where(eq(blobs.id, blob.blobId));
}

export async function stampAll() {
  for await (const blob of everyBlob()) {
    await stampBlob(blob); // expect: n_update_delete_loop HIGH
  }
}

// Look-alike: a helper named for its write; its read is the check before it.
async function updateFolderCount(name: string) {
  const f = await db.query.folders.findFirst({ where: eq(folders.name, name) });
  await db.update(folders).set({ count: (f?.count ?? 0) + 1 }).where(eq(folders.name, name));
}

// Look-alike: the store's fixed folders, returned whole (not streamed).
async function touchFolder(name: string) {
  const f = await db.query.folders.findFirst({ where: eq(folders.name, name) });
  await db.update(folders).set({ touched: f?.touched ?? 0 }).where(eq(folders.name, name));
}

export async function touchFolders() {
  for (const name of await storeFolders()) {
    await touchFolder(name); // expect: n_update_delete_loop HIGH
  }
}

export async function countFolders(names: string[]) {
  for (const name of names) {
    await updateFolderCount(name); // expect: n_update_delete_loop HIGH
  }
}
