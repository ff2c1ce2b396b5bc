// Peer 2: Yjs on a hibernating Durable Object through y-partyserver, used the
// way its README shows: YServer relays y-protocols sync and update messages
// and keeps the Y.Doc in memory; onLoad/onSave persist it to the Durable
// Object's storage (debounced by YServer, as documented). The board is a
// Y.Array "frames" of Y.Maps, written by the clients' YProviders.
import { YServer } from "y-partyserver";
import * as Y from "yjs";

export class YBoard extends YServer {
  static override options = { hibernate: true };

  override async onLoad(): Promise<void> {
    const saved = await this.ctx.storage.get<Uint8Array>("doc");
    if (saved) Y.applyUpdate(this.document, saved);
  }

  override async onSave(): Promise<void> {
    await this.ctx.storage.put("doc", Y.encodeStateAsUpdate(this.document));
  }
}
