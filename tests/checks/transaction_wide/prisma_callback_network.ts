// path: src/routes/payments.ts
// stack: express @prisma/client axios
// An HTTP call to the payment provider inside prisma.$transaction's
// callback keeps the transaction (and its row locks) open for the call.
import express from 'express';
import axios from 'axios';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const payments = express.Router();

payments.post('/orders/:id/pay', async (req, res) => {
  await prisma.$transaction(async (tx) => {
    const order = await tx.order.update({ where: { id: Number(req.params.id) }, data: { status: 'paying' } });
    await axios.post('https://psp.example.com/charges', { amount: order.total }); // expect: transaction_wide HIGH
    await tx.payment.create({ data: { orderId: order.id } });
  });
  res.sendStatus(202);
});

// Look-alike: the charge happens after the transaction committed.
payments.post('/orders/:id/pay-after', async (req, res) => {
  const order = await prisma.$transaction(async (tx) => {
    return tx.order.update({ where: { id: Number(req.params.id) }, data: { status: 'paying' } });
  });
  await axios.post('https://psp.example.com/charges', { amount: order.total });
  res.sendStatus(202);
});
