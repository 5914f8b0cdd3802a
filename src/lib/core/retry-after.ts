/**
 * `Retry-After` (RFC 9110 §10.2.3): how long a server that answered 429 or 503 asks to be left
 * alone, read strictly and said in words. The value is either a number of seconds (digits only)
 * or an HTTP date (IMF-fixdate, or the obsolete RFC 850 and asctime forms a recipient must
 * accept). Anything else (negative or fractional numbers, free text, a date JavaScript would
 * guess at) is ignored, as is a date already past. Absurd waits are capped in the wording only.
 */

/** Waits longer than this are said as "more than a day". */
export const LONGEST_SAID_MS = 24 * 60 * 60 * 1000;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
const LONG_DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** Sun, 06 Nov 1994 08:49:37 GMT */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`, 'i');
/** Sunday, 06-Nov-94 08:49:37 GMT */
const RFC850_DATE = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`, 'i');
/** Sun Nov  6 08:49:37 1994 */
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`, 'i');

function utc(
	day: string,
	month: string,
	year: number,
	h: string,
	m: string,
	s: string
): number | undefined {
	const [d, hh, mm, ss] = [day, h, m, s].map((n) => Number(n.trim()));
	if (d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60) return undefined;
	const time = Date.UTC(year, MONTHS.indexOf(month.toLowerCase()), d, hh, mm, Math.min(ss, 59));
	// 31 Feb rolls over into March: not a date.
	return new Date(time).getUTCDate() === d ? time : undefined;
}

/** The moment an HTTP date names, in ms since the epoch, or undefined when it is not one. */
export function parseHttpDate(text: string, now: number): number | undefined {
	let match = IMF_FIXDATE.exec(text);
	if (match) return utc(match[1], match[2], Number(match[3]), match[4], match[5], match[6]);
	match = RFC850_DATE.exec(text);
	if (match) {
		// A two-digit year more than 50 years ahead is in the past century (RFC 9110 §5.6.7).
		const thisYear = new Date(now).getUTCFullYear();
		let year = Math.floor(thisYear / 100) * 100 + Number(match[3]);
		if (year > thisYear + 50) year -= 100;
		return utc(match[1], match[2], year, match[4], match[5], match[6]);
	}
	match = ASCTIME_DATE.exec(text);
	if (match) return utc(match[2], match[1], Number(match[6]), match[3], match[4], match[5]);
	return undefined;
}

/**
 * How long after `answeredAt` the server asks to be tried again, in ms (0: at once), or
 * undefined when the header is absent, not a valid value, or a date already past.
 */
export function retryAfterMs(value: string | undefined, answeredAt: number): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (/^\d{1,15}$/.test(text)) return Number(text) * 1000;
	const at = parseHttpDate(text, answeredAt);
	if (at === undefined || at < answeredAt) return undefined;
	return at - answeredAt;
}

/** "in 30 s", "in 5 min", "in 2 h", "in more than a day", or "at once". */
export function describeWait(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 1) return 'at once';
	if (ms > LONGEST_SAID_MS) return 'in more than a day';
	if (seconds < 90) return `in ${seconds} s`;
	const minutes = Math.round(seconds / 60);
	if (minutes < 90) return `in ${minutes} min`;
	return `in ${Math.round(minutes / 60)} h`;
}
