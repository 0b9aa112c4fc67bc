/**
 * Models kept in the browser's IndexedDB, as `.keras` bytes: `saveModel(model, 'indexeddb://name')`
 * and `loadModel('indexeddb://name')` go through here. One put per save, in one transaction, so a
 * save either replaces the stored model completely or leaves the old one.
 */
import { FormatError, StateError } from '@strata/core';

/** The URL scheme that routes `saveModel` / `loadModel` to IndexedDB. */
export const INDEXED_DB_SCHEME = 'indexeddb://';
const DATABASE = 'strata-models';
const STORE = 'models';

/** One stored model as `listIndexedDBModels` describes it. */
export interface StoredModelInfo {
  name: string;
  /** Size of the `.keras` bytes. */
  bytes: number;
  /** ISO time of the save. */
  savedAt: string;
}

interface StoredModel extends StoredModelInfo {
  data: Uint8Array;
}

/** The model name of an `indexeddb://name` URL, or undefined for anything else. */
export function indexedDBName(path: string): string | undefined {
  if (!path.startsWith(INDEXED_DB_SCHEME)) return undefined;
  const name = path.slice(INDEXED_DB_SCHEME.length);
  if (name === '')
    throw new StateError(`'${path}': name the model after ${INDEXED_DB_SCHEME}, e.g. '${INDEXED_DB_SCHEME}mnist'.`);
  return name;
}

function factory(): IDBFactory {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb)
    throw new StateError(
      `${INDEXED_DB_SCHEME}: this runtime has no IndexedDB (it exists in browsers); in Node save to a file path.`,
    );
  return idb;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function open(): Promise<IDBDatabase> {
  const req = factory().open(DATABASE, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'name' });
  return request(req);
}

/** Runs `work` on the store in one transaction and waits until the transaction has committed. */
async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, mode);
    const result = request(work(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return await result;
  } finally {
    db.close();
  }
}

/**
 * Stores `.keras` bytes under `name`, replacing any model of that name atomically.
 * @example
 * ```ts
 * await saveModel(model, 'indexeddb://mnist'); // calls saveToIndexedDB('mnist', bytes)
 * ```
 */
export async function saveToIndexedDB(name: string, bytes: Uint8Array): Promise<void> {
  const record: StoredModel = { name, bytes: bytes.length, savedAt: new Date().toISOString(), data: bytes.slice() };
  await withStore('readwrite', (store) => store.put(record));
}

/** The `.keras` bytes stored under `name`. @throws FormatError when there is none, listing those there are. */
export async function loadFromIndexedDB(name: string): Promise<Uint8Array> {
  const record = (await withStore('readonly', (store) => store.get(name))) as StoredModel | undefined;
  if (!record) {
    const names = (await listIndexedDBModels()).map((m) => m.name);
    throw new FormatError(
      `${INDEXED_DB_SCHEME}${name}: no model of that name in IndexedDB; stored: ${names.length ? names.join(', ') : '(none)'}.`,
    );
  }
  if (!(record.data instanceof Uint8Array))
    throw new FormatError(`${INDEXED_DB_SCHEME}${name}: the stored record holds no .keras bytes.`);
  return record.data;
}

/** The models stored in IndexedDB: name, size, time of the save. */
export async function listIndexedDBModels(): Promise<StoredModelInfo[]> {
  const records = (await withStore('readonly', (store) => store.getAll())) as StoredModel[];
  return records.map(({ name, bytes, savedAt }) => ({ name, bytes, savedAt }));
}

/** Removes the model stored under `name` (nothing happens when there is none). */
export async function deleteIndexedDBModel(name: string): Promise<void> {
  await withStore('readwrite', (store) => store.delete(name));
}
