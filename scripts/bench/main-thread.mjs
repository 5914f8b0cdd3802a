/**
 * The page's main-thread tasks as Chromium's tracing sees them, with the CPU time each one got.
 * On a busy machine a task's wall time (what the Long Tasks API reports) includes the time the
 * thread waited for a CPU; its CPU time is what the page itself cost.
 */

/** Starts tracing the browser's top-level tasks (a light category: one event per task). */
export async function startTaskTrace(browser, page) {
	await browser.startTracing(page, { categories: ['toplevel'] });
}

/** Stops tracing; returns the longest task of the page's main thread: wall and CPU time (ms). */
export async function stopTaskTrace(browser) {
	const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents ?? [];
	const threadName = new Map();
	for (const e of events)
		if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name);
	// Renderer main threads: the page under measurement is the busiest one.
	const byThread = new Map();
	for (const e of events) {
		const thread = `${e.pid}:${e.tid}`;
		if (
			e.ph !== 'X' ||
			e.name !== 'ThreadControllerImpl::RunTask' ||
			threadName.get(thread) !== 'CrRendererMain'
		)
			continue;
		const list = byThread.get(thread) ?? [];
		list.push(e);
		byThread.set(thread, list);
	}
	const cpuOf = (list) => list.reduce((sum, e) => sum + (e.tdur ?? 0), 0);
	const tasks = [...byThread.values()].sort((a, b) => cpuOf(b) - cpuOf(a))[0] ?? [];
	const longestWall = tasks.reduce((max, e) => Math.max(max, e.dur), 0) / 1000;
	const longestCpu = tasks.reduce((max, e) => Math.max(max, e.tdur ?? 0), 0) / 1000;
	return { tasks: tasks.length, longestWall, longestCpu, cpu: cpuOf(tasks) / 1000 };
}
