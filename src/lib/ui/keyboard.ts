/**
 * The keyboard-first flow shared by the lists and forms:
 * - `listKeys`: in a list of row buttons, ArrowUp/ArrowDown/Home/End move the focus (one Tab stop
 *   per list, as in a listbox); Enter or Space opens the focused row (it is a button).
 * - `filterKeys`: Enter in a filter box opens the first match; ArrowDown moves into the list.
 * - `submitShortcut`: Ctrl+Enter (Cmd+Enter on a Mac) in any form submits it (Run tool, Get prompt,
 *   Send reply, …), from a text field too.
 */
import { tick } from 'svelte';
import type { Action } from 'svelte/action';

/** The row buttons of a list: each list item's first button. */
function rows(list: HTMLElement): HTMLButtonElement[] {
	return [
		...list.querySelectorAll<HTMLButtonElement>(
			':scope > li > button:first-of-type, :scope [role="listitem"] > button:first-of-type'
		)
	];
}

export const listKeys: Action<HTMLElement> = (list) => {
	const keydown = (event: KeyboardEvent) => {
		const buttons = rows(list);
		const from = buttons.indexOf(event.target as HTMLButtonElement);
		if (from < 0) return;
		const to =
			event.key === 'ArrowDown'
				? from + 1
				: event.key === 'ArrowUp'
					? from - 1
					: event.key === 'Home'
						? 0
						: event.key === 'End'
							? buttons.length - 1
							: undefined;
		if (to === undefined) return;
		event.preventDefault();
		buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
	};
	list.addEventListener('keydown', keydown);
	return { destroy: () => list.removeEventListener('keydown', keydown) };
};

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

/** Enter opens the first match (`open`); ArrowDown moves the focus to the first row of `list()`. */
export function filterKeys(open: () => void, list: () => HTMLElement | null | undefined) {
	return (event: KeyboardEvent) => {
		if (event.key === 'Enter') {
			event.preventDefault();
			open();
		} else if (event.key === 'ArrowDown') {
			const first = list() && rows(list()!)[0];
			if (first) {
				event.preventDefault();
				first.focus();
			}
		}
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
