// path: src/services/checkout.ts
// stack: express @prisma/client sequelize
// Managed transactions roll back when the callback throws: silent.
import { PrismaClient } from '@prisma/client';
import { sequelize, Order } from '../models';

const prisma = new PrismaClient();

export async function placeOrder(cartId: number) {
  return prisma.$transaction(async (tx) => {
    const cart = await tx.cart.update({ where: { id: cartId }, data: { locked: true } });
    return tx.order.create({ data: { cartId: cart.id, total: cart.total } });
  });
}

export async function archiveOrder(id: number) {
  await sequelize.transaction(async (t) => {
    await Order.update({ archived: true }, { where: { id }, transaction: t });
  });
}
