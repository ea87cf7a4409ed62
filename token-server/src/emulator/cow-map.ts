/**
 * A map for the registry's copy-on-write state: entries over a shared base map plus the changes
 * since, so deriving the next state copies the changes only, not every connection. With 2,000
 * sockets, copying whole Maps on every relayed message was most of the relay's CPU and garbage.
 * A copy never changes the map it came from. Order: the base's, then keys added since.
 */
const GONE: unique symbol = Symbol("gone");

/** Past this many changes the next copy starts from a fresh base (amortised O(size / limit) per copy). */
const MAX_CHANGES = 64;

export class CowMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private base: ReadonlyMap<K, V>,
    private changes: Map<K, V | typeof GONE>,
    private count: number,
  ) {}

  /** A writable copy of `source`, which stays as it is. */
  static copyOf<K, V>(source: ReadonlyMap<K, V>): CowMap<K, V> {
    if (!(source instanceof CowMap)) return new CowMap(source, new Map(), source.size);
    const from = source as CowMap<K, V>;
    if (from.changes.size <= MAX_CHANGES) return new CowMap(from.base, new Map(from.changes), from.count);
    return new CowMap(new Map(from), new Map(), from.count);
  }

  get size(): number {
    return this.count;
  }

  get(key: K): V | undefined {
    const changed = this.changes.get(key);
    if (changed === GONE) return undefined;
    return changed !== undefined || this.changes.has(key) ? (changed as V) : this.base.get(key);
  }

  has(key: K): boolean {
    const changed = this.changes.get(key);
    if (changed !== undefined || this.changes.has(key)) return changed !== GONE;
    return this.base.has(key);
  }

  set(key: K, value: V): this {
    if (!this.has(key)) this.count++;
    this.changes.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    if (!this.has(key)) return false;
    this.count--;
    if (this.base.has(key)) this.changes.set(key, GONE);
    else this.changes.delete(key);
    return true;
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) {
      if (!this.changes.has(key)) yield [key, value];
      else {
        const changed = this.changes.get(key) as V | typeof GONE;
        if (changed !== GONE) yield [key, changed];
      }
    }
    for (const [key, changed] of this.changes) {
      if (changed !== GONE && !this.base.has(key)) yield [key, changed];
    }
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}
