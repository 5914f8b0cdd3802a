/** Where tokens and registrations are kept: sessionStorage in the browser (never localStorage), memory in Node. */
import type { AuthStore } from './types.js';

export function memoryStore(): AuthStore {
	const map = new Map<string, string>();
	return {
		get: (key) => map.get(key),
		set: (key, value) => void map.set(key, value),
		delete: (key) => void map.delete(key)
	};
}

/** sessionStorage under a prefix; falls back to memory where sessionStorage is missing or blocked. */
export function sessionStorageStore(prefix = 'loupe.oauth.'): AuthStore {
	let storage: Storage | undefined;
	try {
		storage = globalThis.sessionStorage;
		storage?.getItem('');
	} catch {
		storage = undefined;
	}
	if (!storage) return memoryStore();
	const s = storage;
	return {
		get: (key) => s.getItem(prefix + key) ?? undefined,
		set: (key, value) => {
			try {
				s.setItem(prefix + key, value);
			} catch {
				// Quota or privacy mode: the flow still works for this page's lifetime.
			}
		},
		delete: (key) => s.removeItem(prefix + key)
	};
}

/** Reads a JSON value from the store; a damaged entry reads as missing. */
export function readJson<T>(store: AuthStore, key: string): T | undefined {
	const text = store.get(key);
	if (text === undefined) return undefined;
	try {
		return JSON.parse(text) as T;
	} catch {
		return undefined;
	}
}
