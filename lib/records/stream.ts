// A search's chunks, converted as they arrive without holding the event loop for all of them.
import type { UpdateField, UpdateRecord } from '../types.js';
import { addUpdatesFromJson, WireTables } from './decode.js';
import type { WireChunk } from './values.js';

/**
 * Takes a search's chunks as the addon delivers them and converts one per turn of the event
 * loop: the addon may deliver several at once when JS falls behind, and converting them all in
 * one go would hold the loop for that long.
 */
export class UpdateStream {
  readonly updates: UpdateRecord[] = [];
  readonly #tables = new WireTables();
  readonly #pending: (string | WireChunk)[] = [];
  readonly #onRecords: (records: UpdateRecord[], from: number) => void;
  #scheduled = false;
  #drained: (() => void) | undefined;

  readonly #projection: readonly UpdateField[] | undefined;
  readonly #retain: boolean;

  /**
   * `onRecords` learns of each chunk's records, from index `from` of `records`. A projection is
   * the fields the search asked for; without `retain`, records are let go of once `onRecords`
   * has them, and finish() gives none.
   */
  constructor(onRecords: (records: UpdateRecord[], from: number) => void,
    options: { projection?: readonly UpdateField[]; retain?: boolean } = {}) {
    this.#onRecords = onRecords;
    this.#projection = options.projection;
    this.#retain = options.retain ?? true;
  }

  /** A chunk as JSON text, or already parsed (see addUpdatesFromJson). */
  push(json: string | WireChunk): void {
    this.#pending.push(json);
    this.#schedule();
  }

  /** All updates, once every chunk received so far is converted. */
  async finish(): Promise<UpdateRecord[]> {
    if (this.#pending.length) await new Promise<void>((resolve) => { this.#drained = resolve; });
    return this.updates;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#convertOne());
  }

  #convertOne(): void {
    this.#scheduled = false;
    const json = this.#pending.shift();
    if (json !== undefined) {
      const first = this.updates.length;
      addUpdatesFromJson(json, this.updates, this.#tables, this.#projection);
      this.#onRecords(this.updates, first);
      if (!this.#retain) this.updates.length = 0;
    }
    if (this.#pending.length) this.#schedule();
    else this.#drained?.();
  }
}
