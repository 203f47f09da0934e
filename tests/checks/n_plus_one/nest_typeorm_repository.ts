// path: src/orders/orders.controller.ts
// stack: @nestjs/core @nestjs/common @nestjs/typeorm typeorm dataloader
// A Nest controller reading a TypeORM repository per order; the DataLoader
// variant batches the same lookups and stays silent.
import { Controller, Get, Param } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import DataLoader from 'dataloader';
import { Order } from './order.entity';
import { Customer } from '../customers/customer.entity';

@Controller('orders')
export class OrdersController {
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
  ) {}

  @Get()
  async list() {
    const open = await this.orders.find({ where: { status: 'open' } });
    for (const order of open) {
      order.customer = await this.customers.findOneBy({ id: order.customerId }); // expect: n_plus_one HIGH
    }
    return open;
  }

  @Get('batched')
  async batched() {
    const loader = new DataLoader(async (ids: readonly number[]) => {
      const found = await this.customers.findBy({ id: In([...ids]) });
      return ids.map((id) => found.find((c) => c.id === id));
    });
    const open = await this.orders.find({ where: { status: 'open' } });
    for (const order of open) {
      order.customer = await loader.load(order.customerId);
    }
    return open;
  }

  @Get(':id')
  async one(@Param('id') id: string) {
    const order = await this.orders.findOneBy({ id: Number(id) });
    return { order, customer: await this.customers.findOneBy({ id: order.customerId }) };
  }
}
