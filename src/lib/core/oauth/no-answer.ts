/**
 * An OAuth endpoint that got no answer: in a browser a CORS refusal and a dead host both reject
 * with "Failed to fetch", so a no-cors probe tells them apart (anything answering it is up, and
 * refused this page).
 */
import { probeReachable } from '../errors.js';
import { browserFetch } from '../local-network.js';

export type NoAnswer = 'cors' | 'unreachable';

export async function whyNoAnswer(
	url: string,
	fetchImpl: typeof fetch = browserFetch
): Promise<NoAnswer> {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return 'unreachable';
	}
	return (await probeReachable(target, fetchImpl, 3000)) ? 'cors' : 'unreachable';
}

/** "does not allow requests from this page (CORS)" or "did not answer at all", to follow a noun. */
export function noAnswerPhrase(why: NoAnswer): string {
	return why === 'cors'
		? 'does not allow requests from this page (CORS)'
		: 'did not answer at all (unreachable)';
}
