/**
 * Characters a person cannot see, or cannot trust, in text a server sent: the way instructions
 * hide in a tool's name or description (tool poisoning). An inspector shows them:
 *
 * - invisible: zero-width characters, word joiners, the BOM, soft hyphens, variation selectors
 *   and other format characters (Unicode category Cf) that render as nothing;
 * - tags: U+E0000–U+E007F, invisible copies of ASCII that can smuggle a whole sentence;
 * - bidi: direction overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069, and the
 *   marks U+200E, U+200F, U+061C), which reorder what is shown (CVE-2021-42574, "Trojan Source");
 * - control: C0/C1 control characters other than tab and line breaks;
 * - mixed scripts: a word whose letters come from more than one of Latin, Greek and Cyrillic,
 *   where look-alike letters live (UTS #39's mixed-script confusables, simplified).
 *
 * Two of these are also how emoji are spelled (UTS #51), and are left unmarked there: one
 * variation selector U+FE0E/U+FE0F right after an emoji character ("⚠️" is U+26A0 U+FE0F), and a
 * zero-width joiner between two emoji ("👩‍💻"). A second selector, or a joiner anywhere else, is
 * still marked: runs of them are how text hides.
 */

export type MarkKind = 'invisible' | 'tag' | 'bidi' | 'control';

/** A marked character; a run of tag characters is one mark that shows the text it hides. */
export type Segment =
	{ text: string } | { mark: string; code: number; kind: MarkKind; count?: number };

export interface Suspicion {
	/** Marked characters by kind, in order of appearance. */
	marks: { code: number; kind: MarkKind }[];
	/** Words that mix look-alike scripts, with the scripts they mix. */
	mixedWords: { word: string; scripts: string[] }[];
	/** The ASCII spelled by tag characters, if any. */
	hidden: string;
}

const NAMES: Record<number, string> = {
	0x00ad: 'SHY',
	0x061c: 'ALM',
	0x180e: 'MVS',
	0x200b: 'ZWSP',
	0x200c: 'ZWNJ',
	0x200d: 'ZWJ',
	0x200e: 'LRM',
	0x200f: 'RLM',
	0x202a: 'LRE',
	0x202b: 'RLE',
	0x202c: 'PDF',
	0x202d: 'LRO',
	0x202e: 'RLO',
	0x2060: 'WJ',
	0x2066: 'LRI',
	0x2067: 'RLI',
	0x2068: 'FSI',
	0x2069: 'PDI',
	0xfeff: 'BOM'
};

function kindOf(code: number, char: string): MarkKind | undefined {
	if (code === 0x09 || code === 0x0a || code === 0x0d) return undefined;
	if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'control';
	if (code >= 0xe0000 && code <= 0xe007f) return 'tag';
	if (
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069) ||
		code === 0x200e ||
		code === 0x200f ||
		code === 0x061c
	) {
		return 'bidi';
	}
	if (
		(code >= 0xfe00 && code <= 0xfe0f) ||
		(code >= 0xe0100 && code <= 0xe01ef) ||
		code === 0x180e ||
		code === 0x3164 ||
		code === 0x115f ||
		code === 0x1160
	) {
		return 'invisible';
	}
	if (/\p{Cf}/u.test(char)) return 'invisible';
	return undefined;
}

const EMOJI = /\p{Emoji}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;

/** The whole character (code point) that ends just before `index`, or ''. */
function charBefore(text: string, index: number): string {
	if (index <= 0) return '';
	const low = text.charCodeAt(index - 1);
	if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
		const high = text.charCodeAt(index - 2);
		if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
	}
	return text[index - 1];
}

/** The whole character (code point) that starts at `index`, or ''. */
function charAt(text: string, index: number): string {
	const code = text.codePointAt(index);
	return code === undefined ? '' : String.fromCodePoint(code);
}

/**
 * Whether the character `code` at `index` of `text` is part of how an emoji is spelled: a single
 * variation selector after an emoji character, or a joiner between two emoji.
 */
function spellsEmoji(text: string, index: number, code: number): boolean {
	if (code === 0xfe0e || code === 0xfe0f) return EMOJI.test(charBefore(text, index));
	if (code !== 0x200d) return false;
	const before = charBefore(text, index);
	return (
		(PICTOGRAPHIC.test(before) || EMOJI_MODIFIER.test(before) || before === '\ufe0f') &&
		PICTOGRAPHIC.test(charAt(text, index + 1))
	);
}

/** How a marked character is shown: its short name, or U+XXXX; a tag character as the ASCII it hides. */
export function markLabel(code: number, kind: MarkKind): string {
	if (kind === 'tag' && code >= 0xe0020 && code <= 0xe007e)
		return `TAG ${String.fromCharCode(code - 0xe0000)}`;
	return NAMES[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

// A quick test before the per-character walk: most text has none of these.
const ANY =
	// eslint-disable-next-line no-control-regex, no-misleading-character-class -- the characters looked for are the point
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\p{Cf}\u180e\u3164\u115f\u1160\ufe00-\ufe0f]|\udb40[\udc00-\udc7f\udd00-\uddef]/u;

// eslint-disable-next-line no-misleading-character-class -- the same pattern as ANY
const ANY_ALL = new RegExp(ANY.source, 'gu');
/** Look-alike words are looked for in this many characters at most (a long result's start). */
const MIXED_SCRIPT_LIMIT = 200_000;

/** The text cut into plain runs and marked characters; one plain segment when nothing is marked. */
export function segments(text: string): Segment[] {
	if (!ANY.test(text)) return [{ text }];
	const out: Segment[] = [];
	let plain = '';
	for (let i = 0; i < text.length;) {
		const code = text.codePointAt(i)!;
		const char = String.fromCodePoint(code);
		const at = i;
		i += char.length;
		const kind = kindOf(code, char);
		if (!kind || spellsEmoji(text, at, code)) {
			plain += char;
			continue;
		}
		if (plain) out.push({ text: plain });
		plain = '';
		const last = out.at(-1);
		if (kind === 'tag' && last && 'mark' in last && last.kind === 'tag') {
			last.count = (last.count ?? 1) + 1;
			last.mark = `hidden text "${hiddenText(last.mark)}${code >= 0xe0020 && code <= 0xe007e ? String.fromCharCode(code - 0xe0000) : ''}"`;
			continue;
		}
		out.push({
			mark:
				kind === 'tag'
					? `hidden text "${code >= 0xe0020 && code <= 0xe007e ? String.fromCharCode(code - 0xe0000) : ''}"`
					: markLabel(code, kind),
			code,
			kind
		});
	}
	if (plain) out.push({ text: plain });
	return out;
}

const SCRIPTS: [string, RegExp][] = [
	['Latin', /\p{Script=Latin}/u],
	['Cyrillic', /\p{Script=Cyrillic}/u],
	['Greek', /\p{Script=Greek}/u]
];

/** The text inside a `hidden text "…"` label. */
function hiddenText(label: string): string {
	return label.slice('hidden text "'.length, -1);
}

/** Words whose letters come from more than one look-alike script ("pаypal" with a Cyrillic а). */
export function mixedScriptWords(text: string): { word: string; scripts: string[] }[] {
	if (!/[\u0370-\u03ff\u0400-\u04ff\u1f00-\u1fff]/.test(text)) return [];
	const out: { word: string; scripts: string[] }[] = [];
	for (const word of text.match(/[\p{L}\p{M}\d_]+/gu) ?? []) {
		const scripts = SCRIPTS.filter(([, re]) => re.test(word)).map(([name]) => name);
		if (scripts.length > 1) out.push({ word, scripts });
	}
	return out;
}

/** Everything worth a warning in one text, or undefined when there is nothing. */
export function suspicion(text: string | undefined): Suspicion | undefined {
	if (!text) return undefined;
	const marks: Suspicion['marks'] = [];
	let hidden = '';
	// Native matching, so a megabyte-long result costs milliseconds.
	for (const { 0: char, index } of ANY.test(text) ? text.matchAll(ANY_ALL) : []) {
		const code = char.codePointAt(0)!;
		const kind = kindOf(code, char);
		if (!kind || spellsEmoji(text, index, code)) continue;
		marks.push({ code, kind });
		if (kind === 'tag' && code >= 0xe0020 && code <= 0xe007e)
			hidden += String.fromCharCode(code - 0xe0000);
	}
	const mixedWords = mixedScriptWords(
		text.length > MIXED_SCRIPT_LIMIT ? text.slice(0, MIXED_SCRIPT_LIMIT) : text
	);
	return marks.length || mixedWords.length ? { marks, mixedWords, hidden } : undefined;
}

/** One sentence for a warning: "2 invisible characters (ZWSP, RLO) and a word mixing Latin and Cyrillic (pаypal)". */
export function describeSuspicion(s: Suspicion): string {
	const parts: string[] = [];
	if (s.marks.length) {
		const labels = [
			...new Set(s.marks.map((m) => (m.kind === 'tag' ? 'TAG' : markLabel(m.code, m.kind))))
		];
		const hidden = s.hidden ? `, hiding the text "${s.hidden.slice(0, 120)}"` : '';
		parts.push(
			`${s.marks.length} hidden or direction-changing character${s.marks.length === 1 ? '' : 's'} (${labels.slice(0, 6).join(', ')}${labels.length > 6 ? ', …' : ''})${hidden}`
		);
	}
	if (s.mixedWords.length) {
		const first = s.mixedWords[0];
		parts.push(
			`${s.mixedWords.length === 1 ? 'a word' : `${s.mixedWords.length} words`} mixing ${first.scripts.join(' and ')} letters (${s.mixedWords
				.slice(0, 3)
				.map((w) => w.word)
				.join(', ')})`
		);
	}
	return parts.join(' and ');
}
