/** The list filters' rule: items where any of the given fields contains the text, ignoring case. */
export function filterByText<T>(
	items: T[],
	filter: string,
	fields: (item: T) => (string | undefined)[]
): T[] {
	const q = filter.trim().toLowerCase();
	if (!q) return items;
	return items.filter((item) => fields(item).some((f) => f?.toLowerCase().includes(q)));
}
