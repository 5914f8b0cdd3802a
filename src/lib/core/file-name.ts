/** A file name for saving a resource: the last path segment of its URI, made safe. */
export function downloadName(uri: string, fallback = 'resource.bin'): string {
	const last = uri.split(/[?#]/)[0].split('/').filter(Boolean).pop() ?? '';
	return (
		last
			.replace(/[^\w.-]+/g, '_')
			.replace(/^\.+/, '')
			.slice(-80) || fallback
	);
}
