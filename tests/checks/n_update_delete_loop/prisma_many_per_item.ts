// path: src/queries/saveProfileData.ts
// stack: next @prisma/client
// updateMany / deleteMany are set-based, but not when the filter names the
// loop's item: then each pass is one UPDATE or DELETE of that item's rows.
import { prisma } from '@acme/db';

type Entry = { profileId: string; key: string; value: string };

export async function saveProfileData(entries: Entry[]) {
  for (const entry of entries) {
    const { profileId, key, value } = entry;
    const result = await prisma.profileData.updateMany({ // expect: n_update_delete_loop HIGH
      where: { profileId, key },
      data: { value },
    });
    if (result.count === 0) {
      await prisma.profileData.create({ data: entry }); // expect: missing_bulk_ops MEDIUM
    }
  }
}

export async function detachMembers(collections: { id: number }[]) {
  for (const collection of collections) {
    await prisma.membership.deleteMany({ where: { collectionId: collection.id } }); // expect: n_update_delete_loop HIGH
  }
}

// The item reached through a destructured loop variable.
export async function renameSettings(rows: { key: string; label: string }[]) {
  for (const row of rows) {
    const { key, label } = row;
    await prisma.setting.update({ where: { key }, data: { label } }); // expect: n_update_delete_loop HIGH
  }
}

// Look-alike: one statement per chunk of ids (the batching itself).
export async function purge(ids: number[]) {
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    await prisma.event.deleteMany({ where: { id: { in: part } } });
  }
}

// Look-alike: the filter does not name the item; the same rows each pass.
export async function resetFlags(tenants: string[]) {
  for (const tenant of tenants) {
    console.log(tenant);
    await prisma.flag.updateMany({ where: { stale: true }, data: { stale: false } });
  }
}
