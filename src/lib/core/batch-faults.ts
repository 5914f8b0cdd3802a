/**
 * Batches (a JSON array of messages in one text) as the client reads them, said on each member's
 * row. JSON-RPC 2.0 allows batches, though never an empty one; MCP 2025-03-26 allowed them too,
 * and MCP 2025-06-18 removed them. The client (MCP SDK v2) reads a batch only as a whole JSON
 * response body, and then whole or not at all: one faulty member and it refuses every one, failing
 * the request that body answers. In a server-sent event it reads one message: an array there is
 * refused whole, however good its members (reported through `onerror`, then dropped).
 */
import type { MessageFacts } from './traffic.js';

/** What carried a received text: a JSON response body, or the data of one server-sent event. */
export type Carrier = 'body' | 'event';

export const EMPTY_BATCH =
	'An empty batch ([]): JSON-RPC 2.0 calls an empty array an invalid request, since a batch holds at least one message.';

/** The MCP version that removed batching: it and every later version have none. */
const NO_BATCHES_SINCE = '2025-06-18';

/** Whether MCP `version` (a negotiated protocol version) has no batches. */
export function batchesForbidden(version: string | undefined): boolean {
	return !!version && /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= NO_BATCHES_SINCE;
}

/** "member 2", "members 2 and 3", "members 1, 2 and 4". */
function membersNamed(numbers: number[]): string {
	if (numbers.length === 1) return `member ${numbers[0]}`;
	return `members ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/**
 * The facts of each member of one batch, as `carrier` brought it, with what the client does with
 * it said on each: which member it is, its own faults, and whether the batch's fate is its.
 * `protocolVersion`: the version the connection negotiated, when known (a note where it has no
 * batches).
 */
export function batchMemberFacts(
	members: readonly MessageFacts[],
	carrier: Carrier,
	protocolVersion?: string
): MessageFacts[] {
	const count = members.length;
	const faulty = members.flatMap((m, i) => (m.kind === 'invalid' ? [i + 1] : []));
	const versionNote = batchesForbidden(protocolVersion)
		? ` The negotiated version, ${protocolVersion}, has no batches (MCP removed them in ${NO_BATCHES_SINCE}).`
		: '';
	return members.map((member, i) => {
		const which = `Member ${i + 1} of ${count} of a batch`;
		const own = member.kind === 'invalid' ? member.problem : undefined;
		let problem: string;
		if (carrier === 'event')
			problem = `${which} sent as one event: the client reads one message per event and refuses the whole batch.${own ? ` This member is faulty too: ${own}` : ''}`;
		else if (own)
			problem = `${which}: ${own} The client reads a batch whole or not at all, so it refuses all ${count}.`;
		else if (faulty.length)
			problem = `${which}, refused with it: the client reads a batch whole or not at all, and ${membersNamed(faulty)} ${faulty.length === 1 ? 'is' : 'are'} faulty.`;
		else if (versionNote)
			return { ...member, problem: `${which}.${versionNote} The client read it anyway.` };
		else return member;
		return { ...member, kind: 'invalid', problem: problem + versionNote };
	});
}
