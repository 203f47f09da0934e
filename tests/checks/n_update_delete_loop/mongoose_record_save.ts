// path: src/jobs/expireCoupons.ts
// stack: mongoose express
// With an ORM whose records save themselves, `doc.save()` one helper
// away inside a loop over a query's rows is one UPDATE per row.
import { Coupon } from "../models/coupon";

async function expire(coupon: any) {
  coupon.active = false;
  await coupon.save();
}

export async function expireAll(now: Date) {
  const stale = await Coupon.find({ validUntil: { $lt: now } });
  for (const coupon of stale) {
    await expire(coupon); // expect: n_update_delete_loop HIGH
  }
}
