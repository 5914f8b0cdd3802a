/**
 * The keyboard-first flow shared by the lists and forms:
 * - `rowKeys`: in a list of row buttons, ArrowUp/ArrowDown/Home/End move the focus (one Tab stop
 *   per list, as in a listbox); Enter or Space opens the focused row (it is a button).
 * - `submitShortcut`: Ctrl+Enter (Cmd+Enter on a Mac) in any form submits it (Run tool, Get prompt,
 *   Send reply, …), from a text field too.
 */
import { tick } from 'svelte';

/**
 * For a list whose rows are buttons with `data-index` (a virtual list among them, where a row may
 * not exist until scrolled in): the row index an arrow key, Home or End moves to from row `from`
 * (else the focused row), or undefined when the key is not one of them.
 */
export function rowTarget(event: KeyboardEvent, count: number, from?: number): number | undefined {
	const at =
		from ??
		(event.target as HTMLElement).closest?.('button[data-index]')?.getAttribute('data-index');
	if (at == null || count === 0) return undefined;
	const start = Number(at);
	const to =
		event.key === 'ArrowDown'
			? start + 1
			: event.key === 'ArrowUp'
				? start - 1
				: event.key === 'Home'
					? 0
					: event.key === 'End'
						? count - 1
						: undefined;
	return to === undefined ? undefined : Math.max(0, Math.min(count - 1, to));
}

/**
 * Focuses the row button `index` inside `box`, calling `scrollTo` first: in a virtual list the row
 * may not exist yet, or stay hidden for a frame or two until it is measured (a hidden button takes
 * no focus), so it tries for up to 20 frames, unless `superseded()` says a later move took over.
 */
export async function focusRow(
	box: HTMLElement | undefined,
	index: number,
	scrollTo?: (index: number) => void,
	superseded: () => boolean = () => false
): Promise<void> {
	scrollTo?.(index);
	for (let frame = 0; frame < 20 && !superseded(); frame++) {
		await tick();
		if (superseded()) return;
		const button = box?.querySelector<HTMLButtonElement>(`button[data-index="${index}"]`);
		button?.focus();
		if (button && document.activeElement === button) return;
		await new Promise((resolve) => requestAnimationFrame(resolve));
	}
}

/**
 * The keydown handler for a list of `data-index` row buttons: arrow keys, Home and End move the
 * focus. Moving the focus may take frames (a virtual list renders the row first), and key repeat
 * or a fast typist presses again before it lands, so each press counts from the row the last press
 * is moving to, not from the row that still has the focus, and only the latest move goes on
 * trying: no press is lost and an older move never takes the focus back.
 */
export function rowKeys(
	box: () => HTMLElement | undefined,
	count: () => number,
	scrollTo?: (index: number) => void
): (event: KeyboardEvent) => void {
	let moving: number | undefined;
	let latest = 0;
	return (event) => {
		const to = rowTarget(event, count(), moving);
		if (to === undefined) return;
		event.preventDefault();
		moving = to;
		const move = ++latest;
		void focusRow(box(), to, scrollTo, () => move !== latest).finally(() => {
			if (move === latest) moving = undefined;
		});
	};
}

/** Ctrl/Cmd+Enter submits the form the focus is in. Install once, on the window. */
export function submitShortcut(event: KeyboardEvent): void {
	if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
	const form = (event.target as HTMLElement | null)?.closest?.('form');
	if (!form) return;
	event.preventDefault();
	form.requestSubmit();
}

/** True when a key press is typing (in a field), not a shortcut. */
export function isTyping(event: KeyboardEvent): boolean {
	const target = event.target as HTMLElement | null;
	return !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}
