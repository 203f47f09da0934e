// path: src/controllers/invoices.js
// stack: express sequelize pg
// Sequelize: findByPk and lazy association getters per row of findAll.
const express = require('express');
const { Invoice, Client } = require('../models');

const router = express.Router();

router.get('/invoices', async (req, res) => {
  const invoices = await Invoice.findAll({ where: { paid: false } });
  for (const inv of invoices) {
    inv.dataValues.client = await Client.findByPk(inv.clientId); // expect: n_plus_one HIGH
    inv.dataValues.lines = await inv.getLines(); // expect: n_plus_one HIGH
  }
  res.json(invoices);
});

// Look-alikes: eager loading with include, and date getters on each row.
router.get('/invoices/eager', async (req, res) => {
  const invoices = await Invoice.findAll({ include: [Client, 'lines'] });
  const out = [];
  for (const inv of invoices) {
    out.push({ id: inv.id, year: inv.createdAt.getFullYear(), client: inv.Client.name });
  }
  res.json(out);
});

module.exports = router;
