/**
 * A keyed cache of work that runs once per process: font files, their faces and
 * their CSS never change while the studio runs. A failed load is forgotten, so
 * the next caller tries again instead of meeting the same error forever.
 */
export function promiseCache<K, V>(): (key: K, load: () => Promise<V>) => Promise<V> {
  const entries = new Map<K, Promise<V>>();
  return (key, load) => {
    let entry = entries.get(key);
    if (!entry) {
      entry = load();
      entries.set(key, entry);
      entry.catch(() => entries.delete(key));
    }
    return entry;
  };
}
