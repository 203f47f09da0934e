// Resolvers calling the model statics through the registry.
module.exports = {
  async archiveMany(obj, args) {
    for (const id of args.ids) {
      await registry.models.cards.archiveCard(id) // expect: n_update_delete_loop HIGH
    }
  },

  // a delete-only helper hands back a row it read, not one it wrote
  async joinBoard(obj, args) {
    const owner = await registry.models.cards.consumeInvite({ code: args.code })
    await registry.models.members.query().insert({ userId: owner.id, boardId: args.boardId })
  },

  // a get-or-create helper's row, then rows naming it: parent and child
  // whichever branch ran (the helper's insert commits alone)
  async openCard(obj, args) {
    const card = await registry.models.cards.ensureCard({ title: args.title }) // expect: transaction_narrow HIGH
    await registry.models.labels.query().insert({ cardId: card.id, name: args.label })
  },

  // a version of the loaded card recorded, then the card changed: two commits
  async renameCard(obj, args) {
    const card = await registry.models.cards.query().findById(args.id)
    await registry.models.cardHistory.addEntry({ ...card, versionDate: card.updatedAt }) // expect: transaction_narrow MEDIUM
    await registry.models.cards.query().patch({ title: args.title }).where('id', card.id)
  },

  // the version recorded, then another row changed (not the card)
  async noteCard(obj, args) {
    const card = await registry.models.cards.query().findById(args.id)
    await registry.models.cardHistory.addEntry({ ...card, versionDate: card.updatedAt })
    await registry.models.boards.query().patch({ touchedAt: args.now }).where('id', args.boardId)
  },

  // the card loaded by id or by title (one row either way), its version
  // recorded, then the card moved by a patch that filters with findById
  async moveCard(obj, args) {
    let card
    if (args.id) {
      card = await registry.models.cards.query().findById(args.id)
    } else {
      card = await registry.models.cards.query().findOne({ title: args.title })
    }
    await registry.models.cardHistory.addEntry({ ...card, versionDate: card.updatedAt }) // expect: transaction_narrow MEDIUM
    await registry.models.cards.query().patch({ boardId: args.boardId }).findById(card.id)
  },

  // two cards loaded one after the other under one name: which row the
  // version describes is not one loaded row, silent
  async swapCard(obj, args) {
    let card = await registry.models.cards.query().findById(args.id)
    await registry.models.cardHistory.addEntry({ ...card, versionDate: card.updatedAt })
    card = await registry.models.cards.query().findById(args.otherId)
    await registry.models.cards.query().patch({ boardId: args.boardId }).findById(card.id)
  },

  // a patch filtered by findById once per requested card: one UPDATE each
  async pinMany(obj, args) {
    for (const id of args.ids) {
      await registry.models.cards.query().patch({ pinned: true }).findById(id) // expect: n_update_delete_loop HIGH
    }
  },

  // a findById with no writing link before it stays a read: one query
  // per item (n_plus_one), no write
  async peekMany(obj, args) {
    const seen = []
    for (const id of args.ids) {
      seen.push(await registry.models.cards.query().findById(id).select('title')) // expect: n_plus_one MEDIUM
    }
    return seen
  },

  // a registry link that names no model file: unknown, silent
  async touchAll(obj, args) {
    for (const id of args.ids) {
      await registry.models.boards.archiveCard(id)
    }
  }
}
