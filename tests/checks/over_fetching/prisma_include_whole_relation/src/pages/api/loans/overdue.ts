import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "../../../lib/db";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const now = new Date();

  if (req.method === "GET" && req.query.view === "mail") {
    // each overdue loan drags its borrower's whole row (password hash and
    // preferences included) along, to address a reminder
    const lateMail = await db.loan.findMany({ // expect: over_fetching LOW
      where: { dueOn: { lt: now } },
      take: 200,
      include: { member: true },
    });
    const reminders = lateMail.map((loan) => ({
      title: loan.bookTitle,
      to: loan.member ? loan.member.email : null,
      name: loan.member?.fullName,
    }));
    return res.json(reminders);
  }

  if (req.method === "GET" && req.query.view === "rooms") {
    // same, in a for-of: the borrower is read by one field only
    const lateRooms = await db.loan.findMany({ where: { dueOn: { lt: now } }, include: { member: true } }); // expect: over_fetching LOW
    const out: string[] = [];
    for (const loan of lateRooms) {
      if (loan.member && loan.member.city) out.push(`${loan.bookTitle}`);
    }
    return res.json(out);
  }

  if (req.method === "GET" && req.query.view === "picked") {
    // look-alike: the borrower's columns are picked with a nested select
    const latePicked = await db.loan.findMany({
      where: { dueOn: { lt: now } },
      include: { member: { select: { email: true, fullName: true } } },
    });
    return res.json(latePicked.map((loan) => ({ title: loan.bookTitle, to: loan.member?.email })));
  }

  if (req.method === "GET" && req.query.view === "shelves") {
    // look-alike: the related model is narrow (three columns)
    const lateShelves = await db.loan.findMany({ where: { dueOn: { lt: now } }, include: { shelf: true } });
    return res.json(lateShelves.map((loan) => ({ title: loan.bookTitle, room: loan.shelf.room })));
  }

  if (req.method === "GET" && req.query.view === "full") {
    // look-alike: the borrower goes on whole (to the client), so which of
    // its fields are shown is not known here
    const lateFull = await db.loan.findMany({ where: { dueOn: { lt: now } }, include: { member: true } });
    return res.json(lateFull.map((loan) => ({ title: loan.bookTitle, borrower: loan.member })));
  }

  if (req.method === "GET" && req.query.view === "spread") {
    // look-alike: each row is spread into the response, borrower and all
    const lateSpread = await db.loan.findMany({ where: { dueOn: { lt: now } }, include: { member: true } });
    return res.json(lateSpread.map((loan) => ({ ...loan, overdue: true })));
  }

  if (req.method === "GET" && req.query.view === "wide") {
    // look-alike: the borrower's fields are read by more than three names
    const lateWide = await db.loan.findMany({ where: { dueOn: { lt: now } }, include: { member: true } });
    return res.json(lateWide.map((loan) => ({
      email: loan.member?.email,
      name: loan.member?.fullName,
      phone: loan.member?.phone,
      city: loan.member?.city,
    })));
  }

  // look-alike: one loan (not many rows), its borrower read by one field
  const one = await db.loan.findFirst({ where: { dueOn: { lt: now } }, include: { member: true } });
  return res.json({ to: one?.member?.email });
}
