import express from "express";
import { db } from "../lib/db";

export const threads = express.Router();

// Each reply is committed and kept in a list; the first one's labels are
// then replaced in other commits, naming it by its place in the list.
threads.post("/threads", async (req, res) => {
  const saved = [];
  for (const reply of req.body.replies) {
    saved.push(await db.reply.create({ data: { body: reply.body, topicId: req.body.topicId } })); // expect: missing_bulk_ops MEDIUM, transaction_narrow HIGH
    if (saved.length === 1) {
      await db.replyLabel.deleteMany({ where: { replyId: saved[0].id } });
    }
  }
  res.status(201).json(saved);
});

// Look-alike: the list is only counted afterwards.
threads.post("/drafts", async (req, res) => {
  const saved = [];
  for (const draft of req.body.drafts) {
    saved.push(await db.draft.create({ data: { body: draft.body } })); // expect: missing_bulk_ops MEDIUM
  }
  await db.topic.update({ where: { id: req.body.topicId }, data: { draftCount: { increment: saved.length } } });
  res.status(201).json(saved);
});

// Look-alike: only the new id is kept, and the later write is the same
// new row's.
threads.post("/polls", async (req, res) => {
  const ids = [];
  for (const poll of req.body.polls) {
    ids.push((await db.poll.create({ data: { question: poll.question } })).id); // expect: missing_bulk_ops MEDIUM
  }
  res.status(201).json(ids);
});

// Look-alike: both writes in one transaction.
threads.post("/pinned", async (req, res) => {
  const saved = await db.$transaction(async (tx) => {
    const rows = [];
    for (const reply of req.body.replies) {
      rows.push(await tx.reply.create({ data: { body: reply.body, topicId: req.body.topicId } })); // expect: missing_bulk_ops MEDIUM
    }
    await tx.topic.update({ where: { id: req.body.topicId }, data: { pinnedReplyId: rows[0].id } });
    return rows;
  });
  res.status(201).json(saved);
});
