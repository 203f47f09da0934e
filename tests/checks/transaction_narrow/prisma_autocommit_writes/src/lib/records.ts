// Helpers that each write once through the shared client.
import { db } from "./db";

export async function openPatientFile(ownerId: string, name: string) {
  return db.patientFile.create({ data: { ownerId, name } });
}

export async function attachInsurer(fileId: string, insurer: string) {
  await db.insurancePolicy.create({ data: { fileId, insurer } });
}

export async function acquireSlotLock(slot: string) {
  return db.slotLock.create({ data: { slot } });
}

export async function bookSlot(slot: string, fileId: string) {
  await db.booking.create({ data: { slot, fileId } });
}

export async function recordAnalytics(fileId: string) {
  await db.analyticsEvent.create({ data: { fileId, kind: "opened" } });
}
