/**
 * Server log messages (notifications/message): the syslog levels MCP uses, reading a message
 * defensively, and how Loupe asks for a level in each era (logging/setLevel in the 2025 era, a
 * per-request `_meta` key in the 2026-07-28 era, which has no setLevel).
 */

/** The eight levels, least severe first. */
export const LOG_LEVELS = [
	'debug',
	'info',
	'notice',
	'warning',
	'error',
	'critical',
	'alert',
	'emergency'
] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The SDK's LOG_LEVEL_META_KEY (kept here so the first screen need not load the SDK; a unit test pins it). */
export const LOG_LEVEL_META_KEY = 'io.modelcontextprotocol/logLevel';

export function isLogLevel(value: unknown): value is LogLevel {
	return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * Whether `message` is a notifications/message that the SDK would hand, unchanged, to the client's
 * notification handler: the JSON-RPC envelope and nothing else, params an object without `_meta`
 * (the SDK reads and lifts keys from `_meta`; such a message takes the SDK's path).
 */
export function isPlainLogNotification(message: unknown): boolean {
	if (!message || typeof message !== 'object' || Array.isArray(message)) return false;
	const m = message as Record<string, unknown>;
	if (m.jsonrpc !== '2.0' || m.method !== 'notifications/message') return false;
	for (const key in m) if (key !== 'jsonrpc' && key !== 'method' && key !== 'params') return false;
	const params = m.params;
	if (params === undefined) return true;
	return !!params && typeof params === 'object' && !Array.isArray(params) && !('_meta' in params);
}

/** Index of a level, 0 for debug; an unknown level ranks as -1 (shown, never filtered up). */
export function levelRank(level: string): number {
	return (LOG_LEVELS as readonly string[]).indexOf(level);
}

/** Whether a message at `level` passes a minimum level ('' lets everything through). */
export function atLeast(level: string, minimum: LogLevel | ''): boolean {
	if (!minimum) return true;
	const rank = levelRank(level);
	return rank < 0 || rank >= levelRank(minimum);
}

export interface LogEntry {
	/** Position in the log, from 1. */
	seq: number;
	/** Date.now() when it arrived. */
	time: number;
	/** The level as the server sent it (an off-spec one is kept and flagged). */
	level: string;
	logger?: string;
	/** The data as text: a string as is, anything else as JSON. */
	text: string;
	/** Something wrong with the message itself. */
	problem?: string;
}

function dataText(data: unknown): string {
	if (typeof data === 'string') return data;
	if (data === undefined) return '';
	try {
		return JSON.stringify(data) ?? String(data);
	} catch {
		return String(data);
	}
}

/** Reads a notifications/message params object; never throws, whatever the server sent. */
export function readLogMessage(params: unknown, seq: number, time: number): LogEntry {
	if (!params || typeof params !== 'object' || Array.isArray(params)) {
		return {
			seq,
			time,
			level: 'unknown',
			text: dataText(params),
			problem: 'The message has no params object.'
		};
	}
	const p = params as Record<string, unknown>;
	const level = typeof p.level === 'string' ? p.level : 'unknown';
	const entry: LogEntry = { seq, time, level, text: dataText(p.data) };
	if (typeof p.logger === 'string') entry.logger = p.logger;
	if (!isLogLevel(p.level))
		entry.problem = `"${String(p.level)}" is not one of the protocol's log levels.`;
	return entry;
}

/**
 * Request params carrying the log level in `_meta` (2026-07-28 era). The caller's own `_meta`
 * keys win. Returns the params unchanged when there is no level.
 */
export function withLogLevel(
	params: Record<string, unknown> | undefined,
	level: LogLevel | undefined
): Record<string, unknown> | undefined {
	if (!level) return params;
	const meta =
		params?._meta && typeof params._meta === 'object'
			? (params._meta as Record<string, unknown>)
			: {};
	return { ...params, _meta: { [LOG_LEVEL_META_KEY]: level, ...meta } };
}
