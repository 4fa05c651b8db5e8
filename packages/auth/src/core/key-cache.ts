/** A small cache of imported keys, keyed by the secret's value, so a rotating secret re-imports once. */
export class KeyCache<K> {
  readonly #max: number;
  readonly #map = new Map<string, Promise<K>>();
  constructor(max = 16) {
    this.#max = max;
  }
  /** Returns the cached key for `id`, importing it with `make` on a miss. */
  get(id: string, make: () => Promise<K>): Promise<K> {
    let hit = this.#map.get(id);
    if (!hit) {
      if (this.#map.size >= this.#max) this.#map.delete(this.#map.keys().next().value as string);
      hit = make();
      this.#map.set(id, hit);
      hit.catch(() => this.#map.delete(id));
    }
    return hit;
  }
  /** Custom inspection never prints keys or secrets. */
  toJSON(): string {
    return `KeyCache(${this.#map.size})`;
  }
}
