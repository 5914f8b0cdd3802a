/** Tasks (2025-11-25 era): run as task, status, result, cancel; none in the 2026-07-28 era. */
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe } from './fixtures';

const taskItems = (page: Page) =>
	page
		.getByRole('region', { name: 'Tasks' })
		.getByRole('list', { name: 'Task list' })
		.getByRole('listitem');

test('a tool with optional task support runs as a task; status updates; Get result shows the result', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'slow_task' });
	await expectConnected(page);
	const form = page.getByRole('form', { name: 'Arguments' });
	await form.getByLabel('steps', { exact: true }).fill('3');
	await form.getByLabel('delayMs', { exact: true }).fill('400');
	await page.getByRole('switch', { name: 'Run as task' }).check();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'see the Tasks tab' })).toBeVisible();
	await page.getByRole('tab', { name: 'Tasks' }).click();
	const task = taskItems(page).first();
	await expect(task).toContainText('slow_task');
	await expect(task).toContainText(/working|completed/);
	// Status messages follow the server (polled and pushed) until the task completes.
	await expect(task).toContainText('completed', { timeout: 10_000 });
	await task.getByRole('button', { name: 'Get result' }).click();
	await expect(task.getByRole('region', { name: 'Result' })).toContainText(
		'slow_task finished 3 steps'
	);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const traffic = page.getByRole('region', { name: 'Traffic' }).getByRole('listitem');
	await expect(traffic.filter({ hasText: 'tasks/result' }).first()).toBeVisible();
	await expect(traffic.filter({ hasText: 'tasks/get' }).first()).toBeVisible();
});

test('a task can be cancelled', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'task_only' });
	await expectConnected(page);
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('seconds', { exact: true })
		.fill('60');
	// taskSupport "required": always a task, no switch.
	await expect(page.getByRole('switch', { name: 'Run as task' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Run tool' }).click();
	await page.getByRole('tab', { name: 'Tasks' }).click();
	const task = taskItems(page).first();
	await expect(task).toContainText('working');
	await task.getByRole('button', { name: 'Cancel' }).click();
	await expect(task).toContainText('cancelled');
	await expect(task.getByRole('button', { name: 'Cancel' })).toBeDisabled();
	await page.getByRole('button', { name: 'Refresh tasks' }).click();
	await expect(taskItems(page)).toHaveCount(1);
});

test('the 2026-07-28 era has no tasks, and Loupe says so', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Tasks' }).click();
	await expect(page.getByRole('region', { name: 'Tasks' })).toContainText(
		'not part of the 2026-07-28 protocol'
	);
	await expect(page.getByRole('button', { name: 'Refresh tasks' })).toBeDisabled();
});

test('a task that goes input_required gets its question through tasks/result, answered in Pending requests', async ({
	page
}) => {
	// Like servers that queue a task's requests for tasks/result (the reference "everything" server):
	// nothing reaches the person unless the client calls tasks/result when it sees input_required.
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'task_question' });
	await expectConnected(page);
	await page.getByRole('button', { name: 'Run tool' }).click();
	const pending = page.getByRole('region', { name: 'Pending requests' });
	await expect(pending).toContainText('Which "MCP" do you mean?');
	await expect(pending).toContainText(
		'over tasks/result (2025 era); the task waits for your answer.'
	);
	// The call points to where the question is, not to the Tasks tab.
	await expect(page.getByRole('status').filter({ hasText: 'Task input_required' })).toContainText(
		'answer it in Pending requests'
	);
	const form = pending.getByRole('form', { name: 'Elicitation form' });
	await expect(form.getByLabel('Meaning')).toHaveValue('protocol');
	await form.getByLabel('Meaning').fill('Model Context Protocol');
	await form.getByRole('button', { name: 'Accept' }).click();
	await page.getByRole('tab', { name: 'Tasks' }).click();
	const task = taskItems(page).first();
	await expect(task).toContainText('completed');
	await expect(task.getByRole('region', { name: 'Result' })).toContainText(
		'task_question: accept {"meaning":"Model Context Protocol"}'
	);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const traffic = page.getByRole('region', { name: 'Traffic' }).getByRole('listitem');
	await expect(traffic.filter({ hasText: 'tasks/result' }).first()).toBeVisible();
	await expect(traffic.filter({ hasText: 'elicitation/create' }).first()).toBeVisible();
});

test('the Server panel names nested capability settings (tasks) as paths, not raw JSON', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
	const server = page.getByRole('region', { name: 'Server', exact: true });
	await expect(server).toContainText('requests.tools.call');
	await expect(server).not.toContainText('{}');
});

test('a task Loupe started fetches its result by itself when it completes', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'task_only' });
	await expectConnected(page);
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('seconds', { exact: true })
		.fill('0.5');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'see the Tasks tab for its result' })
	).toBeVisible();
	await page.getByRole('tab', { name: 'Tasks' }).click();
	const task = taskItems(page).first();
	await expect(task).toContainText('completed');
	// No Get result click: the result is already there.
	await expect(task.getByRole('region', { name: 'Result' })).toContainText(
		'task_only answered after 0.5 s'
	);
});
