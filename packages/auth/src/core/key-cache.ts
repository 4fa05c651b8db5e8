/** A small cache of prepared keys, keyed by the secret's value, so a rotating secret is prepared once. */
export class KeyCache<K> {
  readonly #max: number;
  readonly #map = new Map<string, K | Promise<K>>();
  constructor(max = 16) {
    this.#max = max;
  }
  /**
   * Returns the cached key for `id`, preparing it with `make` on a miss. A key the platform prepares
   * synchronously (node:crypto) is returned as is; a pending one as its promise, dropped if it rejects.
   */
  get(id: string, make: () => K | Promise<K>): K | Promise<K> {
    let hit = this.#map.get(id);
    if (hit === undefined) {
      if (this.#map.size >= this.#max) this.#map.delete(this.#map.keys().next().value as string);
      hit = make();
      this.#map.set(id, hit);
      if (hit instanceof Promise) hit.catch(() => this.#map.delete(id));
    }
    return hit;
  }
  /** Custom inspection never prints keys or secrets. */
  toJSON(): string {
    return `KeyCache(${this.#map.size})`;
  }
}
