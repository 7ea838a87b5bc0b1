// Saved searches, shared by default: anyone saves the search on screen, everyone sees
// every saved search and who made it, opens it by its permalink, and may subscribe to
// its daily email; its maker or an administrator renames or deletes it.

import { getJson, postJson, send } from './api.js';
import { byId, element, plural } from './dom.js';
import { FACETS, PERIODS, state } from './state.js';

let me = { username: '', roles: [] };

let onOpen = () => {};

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function configure(account, opened) {
	me = account;
	onOpen = opened;
}

function showSavedError(message) {
	const error = byId('saved-error');
	error.textContent = message;
	error.hidden = !message;
}

// The search on screen, as a saved search keeps it.
function currentSearch(name) {
	const filters = {
		department: state.department ? [state.department] : [],
		topic: state.topic ? [state.topic] : [],
		sort: state.sort,
		collapse: state.collapse
	};
	FACETS.forEach((facet) => {
		filters[facet] = state.facets[facet].slice();
	});
	if (state.owned) {
		filters.owned = state.owned === 'true';
	}
	if (state.question) {
		filters.question = state.question === 'true';
	}
	if (state.days === 'custom') {
		filters.from = state.from;
		filters.to = state.to;
	}
	else {
		filters.period = state.days + 'd';
	}
	return { name: name, query: state.q, filters: filters };
}

// Put a saved search on screen.
export function apply(search) {
	const filters = search.filters || {};
	state.q = search.query || '';
	state.department = (filters.department || [])[0] || '';
	state.topic = (filters.topic || [])[0] || '';
	FACETS.forEach((facet) => {
		state.facets[facet] = (filters[facet] || []).slice();
	});
	state.owned = (filters.owned === true || filters.owned === false) ? String(filters.owned) : '';
	state.question = (filters.question === true || filters.question === false) ? String(filters.question) : '';
	state.sort = filters.sort === 'reach' ? 'reach' : 'newest';
	state.collapse = filters.collapse === true;
	const days = (filters.period || '').replace(/d$/, '');
	if (filters.from && filters.to) {
		state.days = 'custom';
		state.from = filters.from;
		state.to = filters.to;
	}
	else {
		state.days = PERIODS.includes(days) ? days : '7';
		state.from = null;
		state.to = null;
	}
	const banner = byId('saved-banner');
	banner.textContent = 'Saved search “' + search.name + '”, saved by ' + search.createdBy;
	banner.hidden = false;
}

export async function openSaved(id) {
	apply(await getJson('/api/saved-searches/' + encodeURIComponent(id)));
}

function describe(search) {
	const filters = search.filters || {};
	const parts = [];
	if (search.query) {
		parts.push('“' + search.query + '”');
	}
	['department', 'topic', 'source', 'language', 'sentiment', 'competitor'].forEach((name) => {
		if ((filters[name] || []).length) {
			parts.push(name + ': ' + filters[name].join(', '));
		}
	});
	if (filters.owned === true || filters.owned === false) {
		parts.push(filters.owned ? 'said by us' : 'said by others');
	}
	parts.push(filters.from ? 'from ' + new Date(filters.from).toLocaleDateString() + ' to '
		+ new Date(filters.to).toLocaleDateString() : 'last ' + (filters.period || '7d').replace('d', ' days'));
	return parts.join(' · ');
}

function mayChange(search) {
	return search.createdBy === me.username || (me.roles || []).includes('ADMIN');
}

function savedItem(search) {
	const item = element('li', { class: 'saved', 'data-id': search.id });
	const head = element('div', { class: 'saved-head' });
	const open = element('a', { href: search.permalink || ('/?saved=' + encodeURIComponent(search.id)),
		class: 'saved-name' }, search.name);
	open.addEventListener('click', (event) => {
		event.preventDefault();
		window.history.replaceState(null, '', open.getAttribute('href'));
		onOpen(search.id);
	});
	head.appendChild(open);
	head.appendChild(element('span', { class: 'muted' }, 'by ' + search.createdBy
		+ (search.subscribers ? ' · ' + plural(search.subscribers, 'subscriber', 'subscribers') : '')));
	item.appendChild(head);
	item.appendChild(element('p', { class: 'saved-what muted' }, describe(search)));
	const bar = element('div', { class: 'actions' });
	const subscribe = element('button', { type: 'button', class: search.subscribed ? 'secondary' : '',
		'data-action': search.subscribed ? 'unsubscribe' : 'subscribe' },
	search.subscribed ? 'Unsubscribe from the daily email' : 'Email me daily');
	subscribe.addEventListener('click', () => act(() => search.subscribed
		? send('DELETE', '/api/saved-searches/' + encodeURIComponent(search.id) + '/subscription')
		: send('PUT', '/api/saved-searches/' + encodeURIComponent(search.id) + '/subscription', { timeZone: zone })));
	bar.appendChild(subscribe);
	if (mayChange(search)) {
		const rename = element('button', { type: 'button', class: 'secondary', 'data-action': 'rename' }, 'Rename');
		rename.addEventListener('click', () => {
			const name = window.prompt('New name of the saved search', search.name);
			if (name && name.trim() && name.trim() !== search.name) {
				act(() => send('PATCH', '/api/saved-searches/' + encodeURIComponent(search.id), { name: name.trim() }));
			}
		});
		bar.appendChild(rename);
		const remove = element('button', { type: 'button', class: 'secondary', 'data-action': 'delete' }, 'Delete');
		remove.addEventListener('click', () => {
			if (window.confirm('Delete the saved search “' + search.name + '” for everyone?')) {
				act(() => send('DELETE', '/api/saved-searches/' + encodeURIComponent(search.id)));
			}
		});
		bar.appendChild(remove);
	}
	item.appendChild(bar);
	return item;
}

async function act(change) {
	showSavedError('');
	try {
		await change();
		await loadSaved();
	}
	catch (failure) {
		showSavedError(failure.message);
	}
}

export async function loadSaved() {
	const answer = await getJson('/api/saved-searches');
	const list = byId('saved-searches');
	list.replaceChildren();
	if (!answer.searches.length) {
		list.appendChild(element('li', { class: 'empty' }, 'Nobody has saved a search yet'));
	}
	answer.searches.forEach((search) => list.appendChild(savedItem(search)));
}

export function setUpSaving() {
	byId('save-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const name = byId('save-name').value.trim();
		if (!name) {
			showSavedError('Name the search to save it');
			return;
		}
		showSavedError('');
		try {
			const saved = await postJson('/api/saved-searches', currentSearch(name));
			byId('save-name').value = '';
			const done = byId('saved-done');
			done.replaceChildren(document.createTextNode('Saved. Its address: '));
			done.appendChild(element('a', { href: saved.permalink, class: 'permalink' },
				window.location.origin + saved.permalink));
			done.hidden = false;
			await loadSaved();
		}
		catch (failure) {
			showSavedError(failure.message);
		}
	});
}
