/**
 * The JSON viewer: a read-only CodeMirror 6 editor with JSON highlighting, folding (gutter and
 * keyboard), search (Ctrl/Cmd+F) and line numbers. CodeMirror draws only the lines on screen and
 * parses in the background, so ten megabytes open as fast as ten lines. This module (and
 * CodeMirror) loads with the first JSON shown, never with the first screen.
 *
 * CSP: CodeMirror adds its styles as <style> elements (style-mod), which `style-src 'unsafe-inline'`
 * allows (Svelte's lazily loaded components do the same); it runs no eval.
 */
import { Compartment, EditorState, Text, type Extension } from '@codemirror/state';
import { EditorView, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { codeFolding, foldGutter, foldKeymap, syntaxHighlighting } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import {
	closeSearchPanel,
	getSearchQuery,
	openSearchPanel,
	search,
	searchKeymap,
	searchPanelOpen,
	setSearchQuery
} from '@codemirror/search';
import { standardKeymap } from '@codemirror/commands';
import { jsonHighlight, viewerTheme } from './theme.js';
import { foldSummary } from './fold-summary.js';
import { docOf, PART_CHARS } from './sliced-doc.js';

export interface JsonViewerOptions {
	text: string;
	/** The accessible name of the text ("Message JSON", "Raw JSON"). */
	label: string;
	wrap: boolean;
	/** Escape in the text (with no search open): the host moves the focus out. */
	onEscape: () => void;
}

export interface JsonViewer {
	readonly view: EditorView;
	/** Shows another text (a long one once it is split into lines, in time slices). */
	setText(text: string): void;
	setWrap(wrap: boolean): void;
	/** Opens (or focuses) the search panel. */
	find(): void;
	destroy(): void;
}

/** The search panel's words, as Loupe writes its buttons. */
const PHRASES = {
	Find: 'Find',
	next: 'Next',
	previous: 'Previous',
	all: 'All',
	'match case': 'Match case',
	regexp: 'Regexp',
	'by word': 'Whole word',
	close: 'Close search',
	'Go to line': 'Go to line',
	'folded code': 'Folded',
	unfold: 'Unfold',
	'Fold line': 'Fold',
	'Unfold line': 'Unfold'
};

function placeholder(
	view: EditorView,
	onclick: (event: Event) => void,
	summary: unknown
): HTMLElement {
	const element = document.createElement('span');
	element.className = 'cm-foldPlaceholder';
	element.textContent = typeof summary === 'string' ? `… ${summary} …` : '…';
	element.setAttribute('aria-label', `Folded${typeof summary === 'string' ? `: ${summary}` : ''}`);
	element.title = view.state.phrase('unfold');
	element.onclick = onclick;
	return element;
}

export function createJsonViewer(parent: HTMLElement, options: JsonViewerOptions): JsonViewer {
	const wrapping = new Compartment();
	let wrap = options.wrap;
	const leave = () => {
		if (searchPanelOpen(view.state)) return closeSearchPanel(view);
		options.onEscape();
		return true;
	};
	const extensions = (): Extension => [
		EditorState.readOnly.of(true),
		EditorState.phrases.of(PHRASES),
		EditorView.contentAttributes.of({ 'aria-label': options.label }),
		lineNumbers(),
		foldGutter(),
		codeFolding({ preparePlaceholder: foldSummary, placeholderDOM: placeholder }),
		highlightSpecialChars(),
		json(),
		syntaxHighlighting(jsonHighlight),
		search({ top: true }),
		keymap.of([{ key: 'Escape', run: leave }, ...searchKeymap, ...foldKeymap, ...standardKeymap]),
		wrapping.of(wrap ? EditorView.lineWrapping : []),
		viewerTheme
	];
	const stateFor = (doc: Text) => EditorState.create({ doc, extensions: extensions() });
	const view = new EditorView({ state: stateFor(Text.empty), parent });
	let text: string | undefined;
	/** The text being turned into a document (a long one takes a few time slices). */
	let building: AbortController | undefined;

	function show(doc: Text) {
		// A new state (folds and selection start over); the search stays as it was, the focus where it was.
		const searching = searchPanelOpen(view.state);
		const query = getSearchQuery(view.state);
		const active = document.activeElement;
		view.setState(stateFor(doc));
		// From the top left, as a new text should open (setState keeps the scroll position).
		view.scrollDOM.scrollTop = 0;
		view.scrollDOM.scrollLeft = 0;
		if (query.search) view.dispatch({ effects: setSearchQuery.of(query) });
		if (searching) openSearchPanel(view);
		if (active instanceof HTMLElement && !view.dom.contains(active) && active.isConnected)
			active.focus();
	}

	function setText(next: string) {
		if (next === text) return;
		text = next;
		building?.abort();
		building = undefined;
		if (next.length <= PART_CHARS) return show(Text.of(next.split(/\r\n?|\n/)));
		const stop = (building = new AbortController());
		docOf(next, { signal: stop.signal }).then(
			(doc) => !stop.signal.aborted && show(doc),
			() => {}
		);
	}
	setText(options.text);

	return {
		view,
		setText,
		setWrap(next) {
			if (next === wrap) return;
			wrap = next;
			view.dispatch({ effects: wrapping.reconfigure(wrap ? EditorView.lineWrapping : []) });
		},
		find() {
			openSearchPanel(view);
		},
		destroy() {
			building?.abort();
			view.destroy();
		}
	};
}
