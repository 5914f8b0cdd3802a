/**
 * Whether this page will read a busy server's Retry-After (on a 429 or 503 answer): the wait
 * Loupe says in words (retry-after.ts), readable by a page only when the server lists it in
 * Access-Control-Expose-Headers. The probes never make a server busy, and a page cannot read that
 * list unless the server exposes it too (or `*`), so the verdict is OK only when an answer proves
 * the header readable, and a warning with the line to add when a readable list leaves it out (a
 * warning, not a failure: every call still works, only the wait goes unsaid). When nothing can be
 * read either way it is not judged ("skipped", with the line to check): a warning there would
 * flag every well-configured server.
 */
import { isCrossOrigin, readableExposeList } from '../exposed-headers.js';
import { answered } from './probe.js';
import { mcpFix, type McpEvidence } from './mcp-hops.js';
import { CORS_EXPOSE_LINE } from '../errors.js';
import { verdict, type HopVerdict } from './verdicts.js';

const CONSEQUENCE =
	'when the server answers 429 or 503, this page cannot read how long it asks to wait, and Loupe can only say "wait a little"';

export function judgeRetryAfter(e: McpEvidence): HopVerdict {
	if (!isCrossOrigin(e.url, e.origin))
		return verdict(
			'retry-after',
			'ok',
			'The server has this page’s origin: every response header is readable, Retry-After included.'
		);
	const answers = [
		e.simplePost,
		e.simpleGet,
		e.allHeaders,
		e.initialize,
		e.initializedWithoutSession,
		e.stream,
		e.del,
		e.bareDelete,
		...Object.values(e.perHeader ?? {})
	].filter(answered);
	if (!answers.length)
		return verdict(
			'retry-after',
			'skipped',
			'Not judged: no answer could be read (see Allow-Origin).'
		);
	const shown = answers.find((a) => a.headers['retry-after'] !== undefined);
	if (shown)
		return verdict(
			'retry-after',
			'ok',
			`Retry-After is readable (on an HTTP ${shown.status} answer), so Loupe can say how long a busy server asks to wait.`
		);
	const list = answers.map((a) => readableExposeList(a.headers)).find((l) => l !== undefined);
	if (list?.includes('*'))
		return verdict(
			'retry-after',
			'ok',
			'The server exposes every response header (Access-Control-Expose-Headers: *), so a busy server’s Retry-After (429, 503) is readable.'
		);
	if (list?.includes('retry-after'))
		return verdict(
			'retry-after',
			'ok',
			'Access-Control-Expose-Headers lists Retry-After, so a busy server’s wait (429, 503) is readable.'
		);
	const more = { headerLines: [CORS_EXPOSE_LINE], fix: mcpFix(e) };
	if (list)
		return verdict(
			'retry-after',
			'warning',
			`Access-Control-Expose-Headers lists ${list.join(', ') || 'nothing'} but not Retry-After: ${CONSEQUENCE}.`,
			more
		);
	return verdict(
		'retry-after',
		'skipped',
		`Not confirmed: no answer showed Retry-After, and a page cannot read which headers the server exposes. A page reads Retry-After only when Access-Control-Expose-Headers lists it; if it does not, ${CONSEQUENCE}.`,
		more
	);
}
