/**
 * The JSON viewer's look: Loupe's colours (the CSS variables of app.css, which follow the light
 * or dark scheme) for the frame, and JSON token colours chosen per scheme with light-dark(),
 * each readable on its background (contrast 4.5:1 or more).
 */
import { EditorView } from '@codemirror/view';
import { HighlightStyle } from '@codemirror/language';
import { tags } from '@lezer/highlight';

const color = (light: string, dark: string) => `light-dark(${light}, ${dark})`;

export const jsonHighlight = HighlightStyle.define([
	{ tag: tags.propertyName, color: color('#1c4fa3', '#8ab4f8') },
	{ tag: tags.string, color: color('#0a6b2c', '#86d39a') },
	{ tag: tags.number, color: color('#a23f06', '#f2a870') },
	{ tag: [tags.bool, tags.null], color: color('#7b35c4', '#c9a2f8'), fontWeight: '600' },
	{ tag: [tags.separator, tags.brace, tags.squareBracket], color: 'var(--muted)' },
	{ tag: tags.invalid, color: 'var(--danger)', textDecoration: 'underline wavy' }
]);

export const viewerTheme = EditorView.theme({
	'&': { backgroundColor: 'var(--bg)', color: 'var(--fg)', fontSize: '12.5px' },
	'&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-2px' },
	'.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5', overflow: 'auto' },
	'.cm-content': { caretColor: 'var(--fg)', padding: '4px 0' },
	'.cm-content ::selection, .cm-line::selection': { backgroundColor: 'var(--accent-soft)' },
	'&.cm-focused .cm-content ::selection': { backgroundColor: color('#c7d8fb', '#2c426b') },
	'.cm-gutters': {
		backgroundColor: 'var(--bg-soft)',
		color: 'var(--muted)',
		borderRight: '1px solid var(--border)'
	},
	'.cm-lineNumbers .cm-gutterElement': {
		padding: '0 6px 0 8px',
		fontVariantNumeric: 'tabular-nums'
	},
	'.cm-foldGutter .cm-gutterElement': { padding: '0 4px', cursor: 'pointer' },
	'.cm-foldGutter .cm-gutterElement:hover': { color: 'var(--accent)' },
	'.cm-foldPlaceholder': {
		backgroundColor: 'var(--accent-soft)',
		color: 'var(--accent)',
		border: '1px solid color-mix(in srgb, var(--accent) 35%, transparent)',
		borderRadius: '4px',
		padding: '0 4px',
		margin: '0 2px',
		fontFamily: 'var(--sans)',
		fontSize: '11.5px'
	},
	'.cm-searchMatch': {
		backgroundColor: color('#fde68a', '#5b4a0e'),
		outline: '1px solid ' + color('#d9a400', '#a98a1c')
	},
	'.cm-searchMatch.cm-searchMatch-selected': {
		backgroundColor: color('#fb923c', '#b45309'),
		color: color('#000', '#fff')
	},
	'.cm-specialChar': { color: 'var(--danger)', backgroundColor: 'var(--danger-soft)' },
	'.cm-panels': { backgroundColor: 'var(--bg-soft)', color: 'var(--fg)' },
	'.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
	'.cm-search': {
		fontFamily: 'var(--sans)',
		fontSize: '12.5px',
		display: 'flex',
		flexWrap: 'wrap',
		alignItems: 'center',
		gap: '4px 8px',
		padding: '4px 28px 4px 8px'
	},
	'.cm-search .cm-textfield': {
		font: 'inherit',
		fontFamily: 'var(--mono)',
		padding: '2px 6px',
		margin: '0',
		background: 'var(--bg)',
		color: 'var(--fg)',
		border: '1px solid var(--border)',
		borderRadius: 'var(--radius)'
	},
	'.cm-search .cm-button': {
		font: 'inherit',
		margin: '0',
		padding: '2px 8px',
		backgroundImage: 'none',
		background: 'var(--bg-soft)',
		color: 'var(--fg)',
		border: '1px solid var(--border)',
		borderRadius: 'var(--radius)'
	},
	'.cm-search label': { font: 'inherit', display: 'inline-flex', alignItems: 'center', gap: '3px' },
	'.cm-search [name=close]': { color: 'var(--muted)', fontSize: '16px', right: '6px', top: '2px' }
});
