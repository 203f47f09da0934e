// Model statics reached through the global registry, `registry.models.cards.<method>`:
// the summaries resolve such a call to the method of this file.
const Model = require('objection').Model

module.exports = class Card extends Model {
  static get tableName() { return 'cards' }

  static async archiveCard(id) {
    await registry.models.cards.query().patch({ archived: true }).where('id', id)
  }

  static async consumeInvite({ code }) {
    const inv = await registry.models.invites.query().findOne({ code })
    await registry.models.invites.query().deleteById(inv.id)
    return inv.owner
  }

  static async ensureCard({ title }) {
    const found = await registry.models.cards.query().findOne({ title })
    if (found) {
      await registry.models.cards.query().patch({ seen: true }).where('id', found.id)
      return found
    }
    return registry.models.cards.query().insert({ title })
  }
}
