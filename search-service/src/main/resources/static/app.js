// The listening dashboard and workbench: the charts of the period, every mention the
// search matches with its facets and actions, saved searches, and the queue. Everything
// it shows follows the page's URL, so a link opens it as it was.

import { csrfHeaders, getJson } from './js/api.js';
import { byId, element } from './js/dom.js';
import { departmentNames } from './js/handling.js';
import * as mentions from './js/mentions.js';
import { loadSummary } from './js/overview.js';
import * as queue from './js/queue.js';
import * as saved from './js/saved.js';
import { customDates, readUrl, setCustomRange, state, writeUrl } from './js/state.js';

const SOURCES = ['x', 'reddit', 'mastodon', 'bluesky', 'hackernews', 'youtube', 'rss', 'webhook'];

function showError(message) {
	const error = byId('error');
	error.textContent = message;
	error.hidden = !message;
}

function isQueryProblem(error) {
	return Boolean(error && error.problem && error.problem.parameter === 'q');
}

// The query, and under it a caret at the position the service named.
function showQueryError(q, problem) {
	const box = byId('q-error');
	if (!problem) {
		box.hidden = true;
		byId('q-error-detail').textContent = '';
		byId('q-error-where').textContent = '';
		return;
	}
	const position = Number.isInteger(problem.position) ? problem.position : null;
	byId('q-error-detail').textContent = 'This query cannot be run: ' + problem.detail
		+ (position === null ? '' : ' (position ' + position + ')');
	byId('q-error-where').textContent = position === null ? q
		: q + '\n' + ' '.repeat(Math.min(position, q.length)) + '^';
	box.hidden = false;
}

// The controls show the state.
function drawControls() {
	byId('q').value = state.q;
	byId('department').value = state.department;
	byId('topic').value = state.topic;
	byId('days').value = state.days;
	const custom = state.days === 'custom';
	byId('custom-from').hidden = !custom;
	byId('custom-to').hidden = !custom;
	if (custom) {
		const dates = customDates();
		byId('from-date').value = dates.from;
		byId('to-date').value = dates.to;
	}
	byId('sort').value = state.sort;
	byId('collapse').checked = state.collapse;
	byId('questions').checked = state.question === 'true';
	if (state.department) {
		byId('queue-department').value = state.department;
	}
}

async function refresh() {
	document.body.setAttribute('aria-busy', 'true');
	showError('');
	drawControls();
	writeUrl();
	const outcomes = await Promise.allSettled([loadSummary(mentions.names), mentions.loadResults(false),
		mentions.loadFacets(), queue.loadQueue()]);
	const errors = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason);
	const queryError = errors.find(isQueryProblem);
	showQueryError(state.q, queryError ? queryError.problem : null);
	if (queryError) {
		byId('search-status').textContent = '';
		byId('results').replaceChildren();
		byId('more').hidden = true;
	}
	const other = errors.find((error) => !isQueryProblem(error));
	if (other) {
		showError(other.message);
	}
	document.body.setAttribute('aria-busy', 'false');
}

// After an action on a mention: the figures and the queue move; the lists keep their place.
async function acted() {
	await queue.loadQueue();
}

async function loadOrganization() {
	const organization = await getJson('/api/organization');
	byId('org-name').textContent = organization.name;
	document.title = 'Grapevine · ' + organization.name;
	const topics = [];
	organization.departments.forEach((department) => {
		departmentNames[department.id] = department.name;
		byId('department').appendChild(element('option', { value: department.id }, department.name));
		const group = element('optgroup', { label: department.name });
		department.topics.forEach((topic) => {
			mentions.names.topics[topic.id] = topic.name;
			topics.push(topic);
			group.appendChild(element('option', { value: topic.id }, topic.name));
		});
		byId('topic').appendChild(group);
	});
	(organization.competitors || []).forEach((competitor) => {
		mentions.names.competitors[competitor.id] = competitor.name;
	});
	queue.setUpQueue(organization.departments, topics, SOURCES);
}

// Who is signed in, and the way out: signing out is a form sent with the session's CSRF
// token, which the service then forgets.
async function showAccount() {
	const me = await getJson('/api/me');
	byId('account-name').textContent = me.username;
	byId('account-role').textContent = (me.roles || []).includes('ADMIN') ? ' (administrator)' : '';
	byId('sign-out').addEventListener('submit', () => {
		byId('sign-out-token').value = csrfHeaders()['X-XSRF-TOKEN'] || '';
	});
	byId('account').hidden = false;
	return me;
}

function listen() {
	byId('filters').addEventListener('change', (event) => {
		const target = event.target;
		if (target.id === 'days') {
			if (target.value === 'custom') {
				const dates = customDates();
				setCustomRange(dates.from, dates.to);
			}
			else {
				state.days = target.value;
				state.from = null;
				state.to = null;
			}
		}
		else if (target.id === 'from-date' || target.id === 'to-date') {
			if (!setCustomRange(byId('from-date').value, byId('to-date').value)) {
				showError('The custom period needs a first day on or before its last day.');
				return;
			}
		}
		else if (target.id === 'department') {
			state.department = target.value;
			byId('queue-department').value = target.value;
		}
		else if (target.id === 'topic') {
			state.topic = target.value;
		}
		refresh();
	});
	byId('search').addEventListener('submit', (event) => {
		event.preventDefault();
		state.q = byId('q').value.trim();
		refresh();
	});
	byId('sort').addEventListener('change', (event) => {
		state.sort = event.target.value;
		refresh();
	});
	byId('collapse').addEventListener('change', (event) => {
		state.collapse = event.target.checked;
		refresh();
	});
	byId('questions').addEventListener('change', (event) => {
		state.question = event.target.checked ? 'true' : '';
		refresh();
	});
	byId('more').addEventListener('click', () => mentions.loadResults(true).catch((error) => showError(error.message)));
	byId('saved-banner').addEventListener('click', () => {
		byId('saved-banner').hidden = true;
	});
}

async function openSaved(id) {
	try {
		await saved.openSaved(id);
	}
	catch (error) {
		showError(error.status === 404 ? 'That saved search has been deleted.' : error.message);
	}
	await refresh();
}

async function start() {
	const account = showAccount().catch((error) => {
		showError(error.message);
		return { username: '', roles: [] };
	});
	try {
		await loadOrganization();
	}
	catch (error) {
		showError(error.message);
	}
	mentions.configure(refresh, acted);
	queue.configure(acted);
	saved.configure(await account, openSaved);
	saved.setUpSaving();
	saved.loadSaved().catch((error) => showError(error.message));
	listen();
	const params = new URLSearchParams(window.location.search);
	readUrl(window.location.search);
	if (params.get('saved')) {
		await openSaved(params.get('saved'));
		return;
	}
	await refresh();
}

start();
