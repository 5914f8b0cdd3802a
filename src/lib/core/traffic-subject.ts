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

function record(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The subject of a request or notification `message` of this `method`, or undefined when it has none worth showing. */
export function messageSubject(method: string, message: Record<string, unknown>): string | undefined {
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
			const of = text(ref?.name) ?? text(ref?.uri);
			const argument = text(record(params.argument)?.name);
			return of && argument ? `${of} · ${argument}` : (of ?? argument);
		}
		case 'logging/setLevel':
			return text(params.level);
		case 'notifications/message': {
			const level = text(params.level);
			const logger = text(params.logger);
			return level && logger ? `${level} · ${logger}` : (level ?? logger);
		}
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
		case 'notifications/tasks/status': {
			const task = text(params.taskId);
			const status = text(params.status);
			return task && status ? `${task} · ${status}` : (task ?? status);
		}
		default:
			return undefined;
	}
}
