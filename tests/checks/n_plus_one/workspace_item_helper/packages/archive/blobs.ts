// The blob store of the workspace: every stored blob, one page of the
// listing at a time, and a fixed list of the store's own folders.
import { readdir } from "node:fs/promises";

export interface BlobInfo {
  blobId: string;
  ownerId: string;
  bytes: number;
}

class DiskStore {
  // a method of the same name: an import of `everyBlob` is not this
  async *everyBlob(): AsyncGenerator<BlobInfo> {
    for (const ownerId of await readdir("/srv/blobs")) {
      for (const blobId of await readdir(`/srv/blobs/${ownerId}`)) {
        yield { blobId, ownerId, bytes: 0 };
      }
    }
  }
}

const store = new DiskStore();

export async function* everyBlob(): AsyncGenerator<BlobInfo> {
  yield* store.everyBlob();
}

export async function storeFolders(): Promise<string[]> {
  return ["incoming", "thumbnails"];
}

export async function dropBlob(ownerId: string, blobId: string) {
  console.log("drop", ownerId, blobId);
}
