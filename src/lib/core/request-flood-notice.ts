/**
 * The sentence of a request flood's notice (request-flood.ts): the method, the count, how fast,
 * and what Loupe did with them. Loaded with the notice, not with the first screen.
 */
import { FLOOD_LIMIT, FLOOD_WINDOW_MS, type RequestFlood } from './request-flood.js';

/** What the client does with each request of a flooding method, for the notice. */
function whatLoupeDoes(method: string): string {
	if (method === 'roots/list') return 'Loupe answered each one itself, with the roots you offer.';
	if (method === 'sampling/createMessage' || method === 'elicitation/create')
		return 'Each one waits in Pending requests; “Dismiss all waiting requests” refuses them at once.';
	return 'Each one is in Traffic.';
}

/** The notice's sentence: the method, the count, how fast, and what Loupe did. */
export function describeFlood(flood: RequestFlood) {
	const seconds = Math.max(0, flood.lastAt - flood.firstAt) / 1000;
	const span = seconds < 10 ? seconds.toFixed(1) : String(Math.round(seconds));
	return (
		`The server sent ${flood.count.toLocaleString('en-US')} ${flood.method} requests in ${span} s ` +
		`(more than ${FLOOD_LIMIT} in ${FLOOD_WINDOW_MS / 1000} s is a flood). ${whatLoupeDoes(flood.method)}`
	);
}
