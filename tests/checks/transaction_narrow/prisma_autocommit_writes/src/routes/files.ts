import express from "express";
import { db } from "../lib/db";
import { acquireSlotLock, attachInsurer, bookSlot, openPatientFile, recordAnalytics } from "../lib/records";

export const files = express.Router();

// The file is committed, then the policy naming it in another commit.
files.post("/files", async (req, res) => {
  const file = await openPatientFile(req.body.ownerId, req.body.name); // expect: transaction_narrow HIGH
  await attachInsurer(file.id, req.body.insurer);
  res.status(201).json(file);
});

// Children removed and committed, then the parent, both keyed by wardId.
export async function closeWard(wardId: string) {
  await db.bed.deleteMany({ where: { wardId } }); // expect: transaction_narrow MEDIUM
  await db.ward.delete({ where: { id: wardId } });
}

// A claim moved on its own before the transaction that moves the rest.
export async function mergeAccounts(keepId: string, dropId: string) {
  await db.claim.updateMany({ where: { ownerId: dropId }, data: { ownerId: keepId } }); // expect: transaction_narrow MEDIUM
  await db.$transaction(async (tx) => {
    await tx.visit.updateMany({ where: { ownerId: dropId }, data: { ownerId: keepId } });
    await tx.note.updateMany({ where: { ownerId: dropId }, data: { ownerId: keepId } });
  });
}

// Look-alike: both writes in one transaction.
export async function closeWardAtomically(wardId: string) {
  await db.$transaction([
    db.bed.deleteMany({ where: { wardId } }),
    db.ward.delete({ where: { id: wardId } }),
  ]);
}

// Look-alike: create, then update the same new row once its id is known.
export async function registerScan(fileId: string) {
  const scan = await db.scan.create({ data: { fileId } });
  await db.scan.update({ where: { id: scan.id }, data: { path: `/scans/${scan.id}.dcm` } });
  return scan;
}

// Look-alike: a lock row committed alone on purpose, then the work.
export async function reserve(slot: string, fileId: string) {
  const lock = await acquireSlotLock(slot);
  await bookSlot(slot, lock.id);
}

// Look-alike: an analytics record fired after the write.
export async function openAndTrack(ownerId: string) {
  const file = await openPatientFile(ownerId, "walk-in");
  recordAnalytics(file.id);
  return file;
}

// Look-alike: the compensation in catch undoes the first write.
export async function openWithPolicy(ownerId: string, insurer: string) {
  const file = await db.patientFile.create({ data: { ownerId, name: "new" } });
  try {
    await fetch("https://insurer.example/check", { method: "POST", body: insurer });
  } catch (e) {
    await db.patientFile.delete({ where: { id: file.id } });
    throw e;
  }
  return file;
}

// Look-alike: the new id appended to a list column of the owner.
export async function openPinned(ownerId: string) {
  const file = await db.patientFile.create({ data: { ownerId, name: "pinned" } });
  await db.user.update({ where: { id: ownerId }, data: { fileOrder: { push: file.id } } });
  return file;
}

// Look-alike: the writes take the caller's client, who may hold a transaction.
export async function moveBeds(client: typeof db, fromWard: string, toWard: string) {
  await client.bed.updateMany({ where: { wardId: fromWard }, data: { wardId: toWard } });
  await client.ward.update({ where: { id: fromWard }, data: { empty: true } });
}
