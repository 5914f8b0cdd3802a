/**
 * Elicitation helpers that need no UI: the defaults a form starts from (SEP-1034) and whether a
 * URL-mode link may be opened at all.
 */
import { isHttpsOrLoopbackHttp } from './url-safety.js';
import { isObject } from './json-value.js';

/**
 * SEP-1034: the `default` of each string, number/integer, boolean, enum (single-select) and
 * multi-select field of an elicitation `requestedSchema`, when it fits the field's type. These are
 * prefilled and sent if the person accepts without editing. Anything else is ignored.
 */
export function elicitationDefaults(requestedSchema: unknown): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (!isObject(requestedSchema) || !isObject(requestedSchema.properties)) return out;
	for (const [name, field] of Object.entries(requestedSchema.properties)) {
		if (!isObject(field) || !('default' in field)) continue;
		const value = field.default;
		const type = field.type;
		const options = enumValues(field);
		if (type === 'string' && typeof value === 'string') {
			if (options && !options.includes(value)) continue;
			out[name] = value;
		} else if (
			(type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
			(type === 'integer' && Number.isInteger(value))
		) {
			out[name] = value;
		} else if (type === 'boolean' && typeof value === 'boolean') {
			out[name] = value;
		} else if (
			type === 'array' &&
			Array.isArray(value) &&
			value.every((v) => typeof v === 'string')
		) {
			const allowed = isObject(field.items) ? enumValues(field.items) : undefined;
			out[name] = allowed ? value.filter((v) => allowed.includes(v as string)) : [...value];
		}
	}
	return out;
}

/** Allowed values of an enum field: `enum`, or `oneOf`/`anyOf` of `const`s (titled enums). */
function enumValues(field: Record<string, unknown>): string[] | undefined {
	if (Array.isArray(field.enum))
		return field.enum.filter((v): v is string => typeof v === 'string');
	const variants = Array.isArray(field.oneOf)
		? field.oneOf
		: Array.isArray(field.anyOf)
			? field.anyOf
			: undefined;
	if (!variants) return undefined;
	return variants.flatMap((v) => (isObject(v) && typeof v.const === 'string' ? [v.const] : []));
}

export type LinkCheck = { ok: true; url: URL; domain: string } | { ok: false; reason: string };

/**
 * Whether a server-provided URL may be opened: https anywhere, http only on this machine
 * (url-safety.ts: localhost names, 127.0.0.0/8, [::1]). Every other scheme (javascript:, data:,
 * file:, …) is refused.
 */
export function checkElicitationUrl(text: unknown): LinkCheck {
	if (typeof text !== 'string' || text.trim() === '')
		return { ok: false, reason: 'The server sent no URL.' };
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, reason: 'The server sent something that is not a valid URL.' };
	}
	if (isHttpsOrLoopbackHttp(url)) {
		return { ok: true, url, domain: url.hostname };
	}
	if (url.protocol === 'http:') {
		return {
			ok: false,
			reason: `Loupe opens plain http:// links only on this machine; ${url.hostname} would be reached without encryption.`
		};
	}
	return {
		ok: false,
		reason: `Loupe refuses to open ${url.protocol} links: only https:// (or http:// on localhost) can be opened.`
	};
}
