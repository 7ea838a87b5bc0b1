// What the page shows, kept in its URL: the query, the department and topic, the period
// (a number of days up to now, or a custom range), the order and folding of the list,
// and the facet values that narrow it. A link (a digest's, a saved search's, a colleague's)
// opens the page as it was.

export const PERIODS = ['1', '7', '14', '30', '90'];

// The facets whose values narrow the list; topic and department are the header's.
export const FACETS = ['source', 'language', 'sentiment', 'competitor'];

const DAY_MS = 24 * 3600 * 1000;

export const state = {
	q: '',
	department: '',
	topic: '',
	days: '7',
	from: null,
	to: null,
	sort: 'newest',
	collapse: false,
	facets: { source: [], language: [], sentiment: [], competitor: [] },
	owned: '',
	question: ''
};

function instant(value) {
	const millis = Date.parse(value);
	return Number.isFinite(millis) ? new Date(millis).toISOString() : null;
}

export function readUrl(search) {
	const params = new URLSearchParams(search);
	state.q = params.get('q') || '';
	state.department = params.get('department') || '';
	state.topic = params.get('topic') || '';
	const from = instant(params.get('from'));
	const to = instant(params.get('to'));
	if (from && to && Date.parse(from) < Date.parse(to)) {
		state.days = 'custom';
		state.from = from;
		state.to = to;
	}
	else {
		state.days = PERIODS.includes(params.get('days')) ? params.get('days') : '7';
		state.from = null;
		state.to = null;
	}
	state.sort = params.get('sort') === 'reach' ? 'reach' : 'newest';
	state.collapse = params.get('collapse') === 'true';
	FACETS.forEach((facet) => {
		state.facets[facet] = params.getAll(facet).filter((value) => value);
	});
	state.owned = ['true', 'false'].includes(params.get('owned')) ? params.get('owned') : '';
	state.question = ['true', 'false'].includes(params.get('question')) ? params.get('question') : '';
}

// The page's address for the current state, so the URL always says what is shown.
export function pageParams() {
	const params = new URLSearchParams();
	if (state.q) {
		params.set('q', state.q);
	}
	if (state.department) {
		params.set('department', state.department);
	}
	if (state.topic) {
		params.set('topic', state.topic);
	}
	if (state.days === 'custom' && state.from && state.to) {
		params.set('from', state.from);
		params.set('to', state.to);
	}
	else if (state.days !== '7') {
		params.set('days', state.days);
	}
	if (state.sort !== 'newest') {
		params.set('sort', state.sort);
	}
	if (state.collapse) {
		params.set('collapse', 'true');
	}
	FACETS.forEach((facet) => state.facets[facet].forEach((value) => params.append(facet, value)));
	if (state.owned) {
		params.set('owned', state.owned);
	}
	if (state.question) {
		params.set('question', state.question);
	}
	return params;
}

export function writeUrl() {
	const query = pageParams().toString();
	const url = window.location.pathname + (query ? '?' + query : '');
	if (url !== window.location.pathname + window.location.search) {
		window.history.replaceState(null, '', url);
	}
}

export function range() {
	if (state.days === 'custom' && state.from && state.to) {
		return { from: state.from, to: state.to };
	}
	const to = new Date();
	const from = new Date(to.getTime() - Number(state.days) * DAY_MS);
	return { from: from.toISOString(), to: to.toISOString() };
}

// A custom range from two local dates, the second included.
export function setCustomRange(fromDate, toDate) {
	const from = new Date(fromDate + 'T00:00:00');
	const last = new Date(toDate + 'T00:00:00');
	if (!Number.isFinite(from.getTime()) || !Number.isFinite(last.getTime()) || last < from) {
		return false;
	}
	const to = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
	state.days = 'custom';
	state.from = from.toISOString();
	state.to = to.toISOString();
	return true;
}

function localDate(iso) {
	const date = new Date(iso);
	const pad = (n) => String(n).padStart(2, '0');
	return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
}

// The local dates a custom range shows in its two fields: its first day and its last.
export function customDates() {
	const period = range();
	return { from: localDate(period.from), to: localDate(new Date(Date.parse(period.to) - 1).toISOString()) };
}

// The parameters of the API that choose the mentions, for the summary, the list, its
// facets and its export alike, so each counts the same mentions.
export function filterParams() {
	const params = new URLSearchParams();
	if (state.q) {
		params.set('q', state.q);
	}
	if (state.department) {
		params.append('department', state.department);
	}
	if (state.topic) {
		params.append('topic', state.topic);
	}
	const period = range();
	params.set('from', period.from);
	params.set('to', period.to);
	FACETS.forEach((facet) => state.facets[facet].forEach((value) => params.append(facet, value)));
	if (state.owned) {
		params.set('owned', state.owned);
	}
	if (state.question) {
		params.set('question', state.question);
	}
	return params;
}
