/**
 * What a folded JSON object or array holds, said in its placeholder: "3 keys", "120 items",
 * from the syntax tree (no parsing of the text).
 */
import type { EditorState } from '@codemirror/state';
import { syntaxTree } from '@codemirror/language';

const VALUES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

/** The summary of the object or array whose inside is folded at `range`; undefined when there is none. */
export function foldSummary(
	state: EditorState,
	range: { from: number; to: number }
): string | undefined {
	let node = syntaxTree(state).resolveInner(range.from, -1) as ReturnType<
		ReturnType<typeof syntaxTree>['resolveInner']
	> | null;
	while (node && node.name !== 'Object' && node.name !== 'Array') node = node.parent;
	if (!node) return undefined;
	const object = node.name === 'Object';
	let count = 0;
	const cursor = node.cursor();
	if (cursor.firstChild()) {
		do {
			if (object ? cursor.name === 'Property' : VALUES.has(cursor.name)) count++;
		} while (cursor.nextSibling());
	}
	const noun = object ? (count === 1 ? 'key' : 'keys') : count === 1 ? 'item' : 'items';
	return `${count.toLocaleString('en-US')} ${noun}`;
}
