// path: src/jobs/closeTickets.js
// stack: express sequelize pg
// Sequelize's static Model.update(values, { where }) and
// Model.destroy({ where }) per item are one UPDATE / DELETE per row.
const { Op } = require("sequelize");
const { Ticket, Reminder } = require("../models");

async function closeStale(before) {
  const stale = await Ticket.findAll({ where: { updatedAt: { [Op.lt]: before } } });
  for (const t of stale) {
    await Ticket.update({ status: "closed" }, { where: { id: t.id } }); // expect: n_update_delete_loop HIGH
  }
}

async function dropReminders(tickets) {
  for (const t of tickets) {
    await Reminder.destroy({ where: { ticketId: t.id } }); // expect: n_update_delete_loop HIGH
  }
}

// look-alike: one UPDATE and one DELETE for every stale ticket
async function closeStaleAtOnce(before) {
  const stale = await Ticket.findAll({ where: { updatedAt: { [Op.lt]: before } } });
  const ids = stale.map((t) => t.id);
  await Ticket.update({ status: "closed" }, { where: { id: ids } });
  await Reminder.destroy({ where: { ticketId: { [Op.in]: ids } } });
}

module.exports = { closeStale, dropReminders, closeStaleAtOnce };
