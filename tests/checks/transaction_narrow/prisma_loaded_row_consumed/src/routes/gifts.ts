import express from "express";
import { db } from "../lib/db";
import {
  addLabel, addSeat, createDocument, deleteVoucher, findPendingRequest, findTemplate,
  findVoucher, grantCredit, removeRequest, touchOwner,
} from "../lib/store";

export const gifts = express.Router();

// The credit is created from the loaded voucher, then the voucher is
// deleted by the code it was looked up with: two commits for one redemption.
gifts.post("/redeem/:code", async (req, res) => {
  const voucher = await findVoucher(req.params.code);
  if (!voucher) return res.status(404).end();
  const credit = await grantCredit(voucher.accountId, voucher.cents); // expect: transaction_narrow MEDIUM
  await deleteVoucher(req.params.code);
  res.json(credit);
});

// The seat is created first; the request it answers is then looked up by the
// same email and room and removed in another commit.
export async function seatFromRequest(roomId: string, email: string) {
  const seat = await addSeat(roomId, email); // expect: transaction_narrow MEDIUM
  const pending = await findPendingRequest(email, roomId);
  if (pending) {
    await removeRequest(pending.id);
  }
  return seat;
}

// Look-alike: a document made from a template, then the owner's activity
// stamp: the second write is not about the loaded template.
export async function documentFromTemplate(templateId: string, ownerId: string) {
  const template = await findTemplate(templateId);
  if (!template) return null;
  const doc = await createDocument(template.body, ownerId);
  await touchOwner(ownerId);
  return doc;
}

// Look-alike: both writes create rows; the template is only copied.
export async function labelledDocument(templateId: string, ownerId: string) {
  const template = await findTemplate(templateId);
  if (!template) return null;
  await createDocument(template.body, ownerId);
  await addLabel(templateId, template.title);
  return template;
}

// Look-alike: redemption inside one transaction.
export async function redeemAtomically(code: string) {
  const voucher = await db.voucher.findUnique({ where: { code } });
  if (!voucher) return null;
  return db.$transaction([
    db.credit.create({ data: { accountId: voucher.accountId, cents: voucher.cents } }),
    db.voucher.delete({ where: { code } }),
  ]);
}

// Look-alike: the row is removed in one branch, the credit made in the other.
export async function expireOrGrant(code: string, expired: boolean) {
  const voucher = await findVoucher(code);
  if (!voucher) return;
  if (expired) {
    await deleteVoucher(code);
  } else {
    await grantCredit(voucher.accountId, voucher.cents);
  }
}
