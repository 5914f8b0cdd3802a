/**
 * Runs inside the page (installed with context.addInitScript before any of Loupe's own code).
 * Gives the benchmark an in-page clock for user actions and a way to find elements by ARIA
 * role and accessible name without a round trip to Node, so waits can be timed with
 * performance.now() in the page itself.
 *
 * Everything lives on window.__bench. Must be self-contained: it is serialised.
 */
export function installBenchHelpers() {
	if (window.__bench) return;

	const IMPLICIT = {
		list: 'ul, ol',
		listitem: 'li',
		region: 'section',
		button: 'button, input[type="button"], input[type="submit"]',
		searchbox: 'input[type="search"]',
		textbox: 'textarea, input:not([type]), input[type="text"]',
		status: 'output',
		form: 'form',
		tab: '',
		switch: ''
	};
	const implicitRole = (el) => {
		for (const [role, selector] of Object.entries(IMPLICIT))
			if (selector && el.matches(selector)) return role;
		return undefined;
	};
	const roleOf = (el) => el.getAttribute('role')?.split(/\s+/)[0] || implicitRole(el);

	/** Text as a screen reader would hear it: aria-hidden subtrees left out. */
	const visibleText = (node) => {
		if (node.nodeType === Node.TEXT_NODE) return node.textContent;
		if (node.nodeType !== Node.ELEMENT_NODE) return '';
		if (node.getAttribute('aria-hidden') === 'true') return '';
		let text = '';
		for (const child of node.childNodes) text += visibleText(child);
		return text;
	};
	const nameOf = (el) => {
		const labelledby = el.getAttribute('aria-labelledby');
		if (labelledby) {
			return labelledby
				.split(/\s+/)
				.map((id) => document.getElementById(id))
				.filter(Boolean)
				.map((l) => visibleText(l))
				.join(' ')
				.replace(/\s+/g, ' ')
				.trim();
		}
		const label = el.getAttribute('aria-label');
		if (label) return label.trim();
		if (el.labels?.length)
			return [...el.labels]
				.map((l) => visibleText(l))
				.join(' ')
				.replace(/\s+/g, ' ')
				.trim();
		const role = roleOf(el);
		if (role === 'button' || role === 'tab' || role === 'switch' || role === 'listitem')
			return visibleText(el).replace(/\s+/g, ' ').trim();
		return '';
	};
	const matches = (actual, name, mode) =>
		mode === 'prefix' ? actual.startsWith(name) : actual === name;

	/** Every element with that role and accessible name (exact, or 'prefix'), in document order. */
	const findAll = (role, name, mode = 'exact', root = document) => {
		const selector = [`[role="${role}"]`, IMPLICIT[role]].filter(Boolean).join(', ');
		return [...root.querySelectorAll(selector)].filter(
			(el) => roleOf(el) === role && (name === undefined || matches(nameOf(el), name, mode))
		);
	};
	const find = (role, name, mode, root) => findAll(role, name, mode, root)[0];
	const isVisible = (el) => {
		if (!el || !el.isConnected) return false;
		if (
			typeof el.checkVisibility === 'function' &&
			!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
		)
			return false;
		const r = el.getBoundingClientRect();
		return r.width > 0 && r.height > 0;
	};

	/** The "N of M" counter inside an element; cached while it stays in the document. */
	const COUNTER = /^\s*([\d.,\s\u00a0\u202f]+?)\s+of\s+([\d.,\s\u00a0\u202f]+?)\s*$/;
	let counterEl;
	const readCounter = (root) => {
		const parse = (el) => {
			const m = COUNTER.exec(el.textContent ?? '');
			return m
				? {
						shown: Number(m[1].replace(/\D/g, '')),
						total: Number(m[2].replace(/\D/g, '')),
						text: el.textContent.trim()
					}
				: undefined;
		};
		if (counterEl?.isConnected && root.contains(counterEl)) {
			const value = parse(counterEl);
			if (value) return value;
		}
		for (const el of root.querySelectorAll('span, div, p, output, small, strong, em, b')) {
			if (el.childElementCount) continue;
			const value = parse(el);
			if (value) {
				counterEl = el;
				return value;
			}
		}
		return undefined;
	};

	let toolsPolls = 0;
	const bench = {
		clicks: [],
		longtasks: [],
		longtaskSupported: false,
		connectedAt: undefined,
		findAll,
		find,
		nameOf,
		isVisible,
		readCounter,
		/** Time of the last click on an element with that accessible name (after `since`). */
		lastClick(name, since = 0) {
			for (let i = bench.clicks.length - 1; i >= 0; i--) {
				const c = bench.clicks[i];
				if (c.name === name && c.t >= since) return c.t;
			}
			return undefined;
		},
		/** Time of the last download offered (after `since`). */
		lastDownload(since = 0) {
			for (let i = bench.clicks.length - 1; i >= 0; i--) {
				const c = bench.clicks[i];
				if (c.download !== undefined && c.t >= since) return c.t;
			}
			return undefined;
		},
		/** Records the gaps between animation frames while running (a frozen page has long gaps). */
		frames: { running: false, last: 0, gaps: [] },
		startFrames() {
			const f = bench.frames;
			f.running = true;
			f.gaps = [];
			f.last = performance.now();
			const tick = (now) => {
				if (!f.running) return;
				f.gaps.push({ at: f.last, gap: now - f.last });
				f.last = now;
				requestAnimationFrame(tick);
			};
			requestAnimationFrame(tick);
		},
		stopFrames() {
			bench.frames.running = false;
			return bench.frames.gaps;
		},
		/**
		 * Polled every frame after a deep link with connect=1: false until the first tool's button
		 * shows; then when the tools were listed and when "Connected" first showed.
		 * Each frame first asks one native selector (the names as Loupe sets them today, aria-label)
		 * and walks the page by role and name only when it matches, or every tenth frame in case the
		 * naming changed: the walk costs the page a millisecond or more a frame while it boots, which
		 * the figure would otherwise include.
		 */
		toolsListed() {
			const full = ++toolsPolls % 10 === 0;
			if (bench.connectedAt === undefined) {
				const status =
					document.querySelector('[role="status"][aria-label="Connection status"]') ??
					(full ? bench.find('status', 'Connection status') : undefined);
				if (status && /Connected/.test(status.textContent ?? ''))
					bench.connectedAt = performance.now();
			}
			if (!full && !document.querySelector('[aria-label="Tools"] button')) return false;
			const list = bench.find('list', 'Tools');
			const first = list && bench.findAll('button', undefined, 'exact', list)[0];
			if (!first || !bench.isVisible(first)) return false;
			return {
				listed: performance.now(),
				connected: bench.connectedAt ?? performance.now(),
				name: nameOf(first)
			};
		}
	};
	window.__bench = bench;

	document.addEventListener(
		'click',
		(event) => {
			const t = performance.now();
			const target =
				event.target instanceof Element
					? event.target.closest('button, [role="tab"], [role="switch"], [role="button"], a, input')
					: null;
			// A download is offered by clicking a link with a download attribute.
			const download =
				target instanceof HTMLAnchorElement && target.hasAttribute('download')
					? target.download
					: undefined;
			bench.clicks.push({ t, name: target ? nameOf(target) : '', download });
		},
		true
	);

	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries())
				bench.longtasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
		bench.longtaskSupported = true;
	} catch {
		bench.longtaskSupported = false;
	}
}

/** The console message a page sends once its tools are listed (watchToolsListed). */
export const TOOLS_LISTED_MESSAGE = '__bench:tools-listed ';

/**
 * Also installed with context.addInitScript, after installBenchHelpers, for the connect-speed
 * figures: checks on each animation frame whether the first tool shows, and says so once through
 * a console message. Node listens for that message instead of polling with page.waitForFunction,
 * which would evaluate Playwright's own ~330 KB page script on the page's main thread while the
 * app boots, and so slow down what it measures.
 * Self-contained: it is serialised.
 */
export function watchToolsListed() {
	if (window.__benchWatch) return;
	window.__benchWatch = true;
	const tick = () => {
		const result = window.__bench?.toolsListed();
		// The text of TOOLS_LISTED_MESSAGE (a serialised function cannot refer to it).
		if (result) console.debug('__bench:tools-listed ' + JSON.stringify(result));
		else requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
}
