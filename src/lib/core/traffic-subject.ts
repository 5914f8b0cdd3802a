/**
 * What a JSON-RPC message is about, for its row in Traffic: the tool of a tools/call, the URI of
 * a resources/read, the prompt of a prompts/get, and so on. Read once, when the message is
 * recorded, from the message the recorder already has parsed (no second parse); a response gets
 * its request's subject when it is paired.
 */

/** Longer subjects are cut here: the row shows a few dozen characters, the message all of it. */
export const MAX_SUBJECT = 200;

function text(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || value === '') return undefined;
	return value.length > MAX_SUBJECT ? value.slice(0, MAX_SUBJECT) + '…' : value;
}

/**
 * Two parts as one subject ("info · demo"). A burst repeats the same few pairs 100,000 times:
 * each pair's string is kept once, not once per message.
 */
const joinedOnce = new Map<string, Map<string, string>>();
let joinedCount = 0;
function joined(a: string | undefined, b: string | undefined): string | undefined {
	if (!a || !b) return a ?? b;
	let byB = joinedOnce.get(a);
	let value = byB?.get(b);
	if (value === undefined) {
		value = `${a} · ${b}`;
		if (joinedCount < 500) {
			if (!byB) joinedOnce.set(a, (byB = new Map()));
			byB.set(b, value);
			joinedCount++;
		}
	}
	return value;
}

function record(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/** The subject of a request or notification `message` of this `method`, or undefined when it has none worth showing. */
export function messageSubject(
	method: string,
	message: Record<string, unknown>
): string | undefined {
	const params = record(message.params);
	if (!params) return undefined;
	switch (method) {
		case 'tools/call':
		case 'prompts/get':
			return text(params.name);
		case 'resources/read':
		case 'resources/subscribe':
		case 'resources/unsubscribe':
		case 'notifications/resources/updated':
			return text(params.uri);
		case 'completion/complete': {
			const ref = record(params.ref);
			return joined(text(ref?.name) ?? text(ref?.uri), text(record(params.argument)?.name));
		}
		case 'logging/setLevel':
			return text(params.level);
		case 'notifications/message':
			return joined(text(params.level), text(params.logger));
		case 'notifications/progress': {
			const progress = typeof params.progress === 'number' ? params.progress : undefined;
			if (progress === undefined) return undefined;
			return typeof params.total === 'number' ? `${progress}/${params.total}` : String(progress);
		}
		case 'notifications/cancelled': {
			const id = text(params.requestId);
			return id !== undefined ? `request ${id}` : undefined;
		}
		case 'tasks/get':
		case 'tasks/result':
		case 'tasks/cancel':
			return text(params.taskId);
		case 'notifications/tasks/status':
			return joined(text(params.taskId), text(params.status));
		default:
			return undefined;
	}
}
