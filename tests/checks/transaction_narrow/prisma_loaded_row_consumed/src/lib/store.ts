// One write or one read each, every write its own commit.
import { db } from "./db";

export async function findVoucher(code: string) {
  return db.voucher.findUnique({ where: { code } });
}

export async function findPendingRequest(email: string, roomId: string) {
  return db.seatRequest.findFirst({ where: { email, roomId } });
}

export async function findTemplate(id: string) {
  return db.template.findUnique({ where: { id } });
}

export async function grantCredit(accountId: string, cents: number) {
  return db.credit.create({ data: { accountId, cents } });
}

export async function deleteVoucher(code: string) {
  await db.voucher.delete({ where: { code } });
}

export async function addSeat(roomId: string, email: string) {
  return db.seat.create({ data: { roomId, email } });
}

export async function removeRequest(id: string) {
  await db.seatRequest.delete({ where: { id } });
}

export async function createDocument(body: string, ownerId: string) {
  return db.document.create({ data: { body, ownerId } });
}

export async function touchOwner(ownerId: string) {
  await db.owner.update({ where: { id: ownerId }, data: { lastActive: new Date() } });
}

export async function addLabel(documentId: string, label: string) {
  return db.label.create({ data: { documentId, label } });
}
