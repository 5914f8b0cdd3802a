/**
 * Where JSON.parse gave up, as a person reads it: " at line 3, column 5 (at `}`)". Engines say
 * "… at position 42" (V8, sometimes with the line too) or end early ("Unexpected end of JSON input");
 * only the position is taken from the message, the sentence is ours.
 */
export function jsonErrorPlace(text: string, error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const position = /position (\d+)/.exec(message);
	if (!position)
		return /end of (JSON )?(input|data)/i.test(message)
			? ': it ends before the JSON is complete'
			: '';
	const at = Math.min(Number(position[1]), text.length);
	if (at >= text.trimEnd().length) return ': it ends before the JSON is complete';
	const before = text.slice(0, at);
	const line = before.split('\n').length;
	const column = at - before.lastIndexOf('\n');
	const found = text.slice(at, at + 1);
	const shown = /\s/.test(found) ? 'a space' : `\`${found}\``;
	return ` at line ${line}, column ${column} (at ${shown})`;
}
