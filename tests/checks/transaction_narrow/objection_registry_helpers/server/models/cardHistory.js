const Model = require('objection').Model

module.exports = class CardHistory extends Model {
  static get tableName() { return 'cardHistory' }

  static async addEntry(card) {
    await registry.models.cardHistory.query().insert({ cardId: card.id, title: card.title })
  }
}
