// The listening dashboard: draws everything from the search service's own API, and lets
// people answer mentions. Mention text is only ever inserted as text; the server's <mark>
// highlights are rebuilt as elements from its HTML-escaped fragments, never through
// innerHTML.
(function () {
	'use strict';

	const SVG = 'http://www.w3.org/2000/svg';
	const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
	const byId = (id) => document.getElementById(id);

	function element(name, attributes, text) {
		const node = document.createElement(name);
		Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
		if (text !== undefined) {
			node.textContent = text;
		}
		return node;
	}

	function svg(name, attributes) {
		const node = document.createElementNS(SVG, name);
		Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
		return node;
	}

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

	// Sessions keep CSRF protection: a call that changes something sends back the token
	// the service left in the XSRF-TOKEN cookie.
	function csrfHeaders() {
		const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
		return cookie ? { 'X-XSRF-TOKEN': decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) } : {};
	}

	// A read the service has not answered within this long is abandoned and asked once
	// more on a fresh connection, so one lost answer never leaves the page drawing forever.
	const ANSWER_WITHIN_MS = 20000;

	// The answer and its body, read within ANSWER_WITHIN_MS.
	async function answerWithin(path, options) {
		const abort = new AbortController();
		const timer = setTimeout(() => abort.abort(), ANSWER_WITHIN_MS);
		try {
			const response = await fetch(path, Object.assign({ signal: abort.signal }, options));
			const text = await response.text();
			let body = {};
			try {
				body = JSON.parse(text);
			}
			catch (notJson) {
				// A proxy's error page: the status says enough.
			}
			return { response, body };
		}
		finally {
			clearTimeout(timer);
		}
	}

	// The dashboard's own calls say so: a call that is refused for want of a session then
	// gets no Basic challenge, which would hold the call behind the browser's password
	// prompt.
	const OWN_CALL = { 'X-Requested-With': 'XMLHttpRequest' };

	// A session that has ended (signed out elsewhere, or the service restarted) sends the
	// person to the sign-in form, which brings them back here.
	function signInAgainOn(response) {
		if (response.status === 401) {
			window.location.assign('/login');
		}
	}

	async function read(path) {
		const options = { headers: Object.assign({ Accept: 'application/json' }, OWN_CALL) };
		try {
			return await answerWithin(path, options);
		}
		catch (first) {
			try {
				return await answerWithin(path, options);
			}
			catch (second) {
				throw new Error(second.name === 'AbortError'
					? 'The service did not answer within ' + (ANSWER_WITHIN_MS / 1000) + ' s; try again shortly.'
					: 'The service cannot be reached: ' + second.message);
			}
		}
	}

	async function getJson(path) {
		const { response, body } = await read(path);
		signInAgainOn(response);
		if (!response.ok) {
			const error = new Error(body.detail || ('The service answered ' + response.status));
			error.problem = body;
			throw error;
		}
		return body;
	}

	async function postJson(path, body) {
		const response = await fetch(path, {
			method: 'POST',
			headers: Object.assign({ Accept: 'application/json', 'Content-Type': 'application/json' }, OWN_CALL,
				csrfHeaders()),
			body: JSON.stringify(body)
		});
		signInAgainOn(response);
		const answer = await response.json().catch(() => ({}));
		if (!response.ok) {
			const error = new Error(response.status === 401 ? 'Sign in to act on mentions.'
				: (answer.detail || ('The service answered ' + response.status)));
			error.problem = answer;
			throw error;
		}
		return answer;
	}

	function filterParams() {
		const params = new URLSearchParams();
		const department = byId('department').value;
		const topic = byId('topic').value;
		if (department) {
			params.append('department', department);
		}
		if (topic) {
			params.append('topic', topic);
		}
		return params;
	}

	// A link (such as a digest's) may give the period as from and to; choosing a period drops it.
	let linkedRange = null;

	function range() {
		if (linkedRange) {
			return linkedRange;
		}
		const days = Number(byId('days').value) || 7;
		const to = new Date();
		const from = new Date(to.getTime() - days * 24 * 3600 * 1000);
		return { from: from.toISOString(), to: to.toISOString() };
	}

	function drawVolume(days) {
		const container = byId('volume');
		container.replaceChildren();
		const width = 1000;
		const height = 220;
		const left = 34;
		const bottom = 26;
		const top = 16;
		const max = Math.max(1, ...days.map((day) => day.count));
		const slot = (width - left) / Math.max(1, days.length);
		const chart = svg('svg', {
			id: 'volume-chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
			'aria-label': 'Mentions per day: ' + days.map((day) => day.date + ' ' + day.count).join(', ')
		});
		[0, max].forEach((value) => {
			const y = height - bottom - (value / max) * (height - bottom - top);
			const label = svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' });
			label.textContent = String(value);
			chart.appendChild(label);
			chart.appendChild(svg('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#d0d7de' }));
		});
		const every = Math.ceil(days.length / 10);
		days.forEach((day, i) => {
			const barHeight = (day.count / max) * (height - bottom - top);
			const x = left + i * slot + slot * 0.15;
			const bar = svg('rect', {
				class: 'bar', x: x, y: height - bottom - barHeight, width: slot * 0.7,
				height: Math.max(barHeight, 0), 'data-date': day.date, 'data-count': day.count
			});
			const title = svg('title');
			title.textContent = day.date + ': ' + day.count + ' mentions';
			bar.appendChild(title);
			chart.appendChild(bar);
			if (day.count > 0 && days.length <= 31) {
				const count = svg('text', { class: 'count', x: x + slot * 0.35, y: height - bottom - barHeight - 3, 'text-anchor': 'middle' });
				count.textContent = String(day.count);
				chart.appendChild(count);
			}
			if (i % every === 0) {
				const label = svg('text', { x: x + slot * 0.35, y: height - 8, 'text-anchor': 'middle' });
				label.textContent = day.date.slice(5);
				chart.appendChild(label);
			}
		});
		container.appendChild(chart);
	}

	function drawShares(listId, buckets, total, names) {
		const list = byId(listId);
		list.replaceChildren();
		if (!buckets.length) {
			list.appendChild(element('li', {}, 'Nothing yet'));
			return;
		}
		buckets.forEach((bucket) => {
			const pct = total ? Math.round((bucket.count / total) * 1000) / 10 : 0;
			const item = element('li');
			item.appendChild(element('span', { class: 'key' }, names[bucket.key] || bucket.key));
			const track = element('span', { class: 'track', role: 'presentation' });
			const fill = element('span', { class: 'fill' });
			fill.style.width = Math.min(100, pct) + '%';
			fill.style.display = 'block';
			track.appendChild(fill);
			item.appendChild(track);
			item.appendChild(element('span', { class: 'pct', title: bucket.count + ' mentions' }, pct + '%'));
			list.appendChild(item);
		});
	}

	function decodeEntities(text) {
		return text.replace(/&(lt|gt|amp|quot|#x27|#39|#x2F|#47);/g, (match, entity) => ({
			lt: '<', gt: '>', amp: '&', quot: '"', '#x27': "'", '#39': "'", '#x2F': '/', '#47': '/'
		})[entity]);
	}

	function highlighted(fragment) {
		const paragraph = element('p', { class: 'text' });
		let marked = false;
		fragment.split(/(<mark>|<\/mark>)/).forEach((piece) => {
			if (piece === '<mark>') {
				marked = true;
			}
			else if (piece === '</mark>') {
				marked = false;
			}
			else if (piece) {
				const text = decodeEntities(piece);
				paragraph.appendChild(marked ? element('mark', {}, text) : document.createTextNode(text));
			}
		});
		return paragraph;
	}

	function mentionItem(mention, highlights) {
		const item = element('li', { class: 'mention', 'data-id': mention.id });
		const meta = element('div', { class: 'meta' });
		meta.appendChild(element('span', { class: 'source' }, mention.source));
		const author = mention.author || {};
		meta.appendChild(element('span', { class: 'author' },
			(author.displayName ? author.displayName + ' ' : '') + '@' + author.handle));
		const published = new Date(mention.publishedAt);
		meta.appendChild(element('time', { datetime: mention.publishedAt }, published.toLocaleString()));
		if (/^https?:\/\//.test(mention.url)) {
			const link = element('a', { href: mention.url, rel: 'noopener noreferrer', target: '_blank' }, 'Open post');
			meta.appendChild(link);
		}
		item.appendChild(meta);
		if (highlights && highlights.length) {
			highlights.forEach((fragment) => item.appendChild(highlighted(fragment)));
		}
		else {
			item.appendChild(element('p', { class: 'text' }, mention.text));
		}
		return item;
	}

	async function loadSummary(names, q) {
		const params = filterParams();
		if (q) {
			params.set('q', q);
		}
		const period = range();
		params.set('from', period.from);
		params.set('to', period.to);
		params.set('zone', zone);
		const summary = await getJson('/api/analytics/summary?' + params);
		byId('total').textContent = '· ' + summary.total + ' mentions' + (q ? ' matching the query' : '')
			+ ', days in ' + summary.zone;
		drawVolume(summary.volumeByDay);
		drawShares('by-source', summary.bySource, summary.total, {});
		drawShares('by-topic', summary.byTopic, summary.total, names);
		drawSentiment(summary.sentiment);
	}

	function drawSentiment(sentiment) {
		const judged = sentiment.positive + sentiment.neutral + sentiment.negative;
		const buckets = ['positive', 'neutral', 'negative']
			.map((label) => ({ key: label, count: sentiment[label] }))
			.filter((bucket) => bucket.count > 0);
		drawShares('by-sentiment', buckets, judged, { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' });
		const average = sentiment.averageScore;
		byId('sentiment-average').textContent = (average === undefined || average === null) ? 'No mention judged yet'
			: 'Average score ' + (average >= 0 ? '+' : '') + average.toFixed(2) + ' over ' + judged + ' judged mentions';
	}

	async function loadLatest() {
		const params = filterParams();
		params.set('size', '10');
		const page = await getJson('/api/mentions?' + params);
		const list = byId('latest');
		list.replaceChildren();
		if (!page.mentions.length) {
			list.appendChild(element('li', {}, 'No mentions yet'));
		}
		page.mentions.forEach((found) => list.appendChild(mentionItem(found.mention)));
	}

	async function search(q) {
		const status = byId('search-status');
		const results = byId('results');
		results.replaceChildren();
		if (!q) {
			status.textContent = '';
			return;
		}
		const params = filterParams();
		params.set('q', q);
		status.textContent = 'Searching…';
		const page = await getJson('/api/mentions?' + params);
		status.textContent = page.total + (page.total === 1 ? ' mention matches' : ' mentions match') + ' “' + q + '”';
		page.mentions.forEach((found) => results.appendChild(mentionItem(found.mention, found.highlights)));
	}

	// Who answers: each department's open queue, the answered ones, and who answered.
	const departmentNames = {};

	const STATES = {
		open: 'Open', assigned: 'Assigned', answered: 'Answered', escalated: 'Escalated',
		dismissed: 'Dismissed', reopened: 'Reopened'
	};

	const ACTIONS = {
		assign: { label: 'Assign', fields: ['department', 'assignee'], submit: 'Assign' },
		answer: { label: 'Answer', fields: ['answerUrl'], submit: 'Save answer' },
		escalate: { label: 'Escalate', fields: ['department', 'reason'], submit: 'Escalate' },
		dismiss: { label: 'Dismiss', fields: ['reason'], submit: 'Dismiss' },
		reopen: { label: 'Reopen', fields: ['reason'], submit: 'Reopen' }
	};

	function duration(seconds) {
		const s = Math.max(0, Math.round(seconds || 0));
		if (s < 60) {
			return s + ' s';
		}
		if (s < 3600) {
			return Math.floor(s / 60) + ' min';
		}
		if (s < 86400) {
			return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
		}
		return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
	}

	function departmentList(ids) {
		return (ids || []).map((id) => departmentNames[id] || id).join(', ') || 'no department';
	}

	function handlingLine(handling) {
		const line = element('p', { class: 'handling' });
		line.appendChild(element('span', { class: 'state state-' + handling.state }, STATES[handling.state] || handling.state));
		line.appendChild(element('span', { class: 'holder' }, departmentList(handling.departments)
			+ (handling.assignee ? ' · ' + handling.assignee : '')));
		if (handling.waitingSeconds !== undefined) {
			line.appendChild(element('span', { class: 'waiting' }, 'waiting ' + duration(handling.waitingSeconds)));
		}
		if (handling.answeredBy) {
			line.appendChild(element('span', { class: 'answered-by' }, 'answered by ' + handling.answeredBy
				+ (handling.answeredAt ? ', ' + new Date(handling.answeredAt).toLocaleString() : '')));
		}
		if (handling.answerUrl && /^https?:\/\//.test(handling.answerUrl)) {
			line.appendChild(element('a', { href: handling.answerUrl, rel: 'noopener noreferrer', target: '_blank' },
				'The answer'));
		}
		return line;
	}

	function field(name) {
		if (name === 'department') {
			const select = element('select', { name: 'department' });
			select.appendChild(element('option', { value: '' }, 'Department…'));
			Object.entries(departmentNames).forEach(([id, label]) => select.appendChild(element('option', { value: id }, label)));
			const label = element('label', {}, 'Department ');
			label.appendChild(select);
			return label;
		}
		const attributes = {
			assignee: { name: 'assignee', type: 'text', placeholder: 'Person', autocomplete: 'off' },
			answerUrl: { name: 'answerUrl', type: 'url', placeholder: 'https://… link to the answer', required: '' },
			reason: { name: 'reason', type: 'text', placeholder: 'Why', autocomplete: 'off' }
		}[name];
		const label = element('label', {}, { assignee: 'Person ', answerUrl: 'Link to the answer ', reason: 'Reason ' }[name]);
		label.appendChild(element('input', attributes));
		return label;
	}

	function actionForm(mentionId, action, done) {
		const spec = ACTIONS[action];
		const form = element('form', { class: 'action-form', 'data-action': action });
		spec.fields.forEach((name) => form.appendChild(field(name)));
		form.appendChild(element('button', { type: 'submit' }, spec.submit));
		const cancel = element('button', { type: 'button', class: 'secondary' }, 'Cancel');
		cancel.addEventListener('click', () => form.remove());
		form.appendChild(cancel);
		const error = element('p', { class: 'error action-error', role: 'alert' });
		error.hidden = true;
		form.appendChild(error);
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			const body = { action: action };
			spec.fields.forEach((name) => {
				const value = form.elements[name].value.trim();
				if (value) {
					body[name] = value;
				}
			});
			try {
				await postJson('/api/mentions/' + encodeURIComponent(mentionId) + '/actions', body);
				form.remove();
				await done();
			}
			catch (failure) {
				error.textContent = failure.message;
				error.hidden = false;
			}
		});
		return form;
	}

	function historyEntry(action) {
		const parts = [new Date(action.at).toLocaleString(), action.actor, action.action];
		if (action.department) {
			parts.push('to ' + departmentList([action.department]));
		}
		if (action.assignee) {
			parts.push('for ' + action.assignee);
		}
		if (action.reason) {
			parts.push('“' + action.reason + '”');
		}
		const entry = element('li', { 'data-action': action.action }, parts.join(' · '));
		if (action.answerUrl && /^https?:\/\//.test(action.answerUrl)) {
			entry.appendChild(document.createTextNode(' · '));
			entry.appendChild(element('a', { href: action.answerUrl, rel: 'noopener noreferrer', target: '_blank' }, 'answer'));
		}
		return entry;
	}

	async function toggleHistory(mentionId, list, button) {
		if (!list.hidden) {
			list.hidden = true;
			button.setAttribute('aria-expanded', 'false');
			return;
		}
		const handling = await getJson('/api/mentions/' + encodeURIComponent(mentionId) + '/handling');
		list.replaceChildren();
		if (!handling.history.length) {
			list.appendChild(element('li', {}, 'Nobody has acted on it yet'));
		}
		handling.history.forEach((action) => list.appendChild(historyEntry(action)));
		list.hidden = false;
		button.setAttribute('aria-expanded', 'true');
	}

	function queueItem(found, actions) {
		const id = found.mention.id;
		const item = mentionItem(found.mention);
		if (found.handling) {
			item.appendChild(handlingLine(found.handling));
		}
		const bar = element('div', { class: 'actions' });
		const slot = element('div', { class: 'action-slot' });
		actions.forEach((action) => {
			const button = element('button', { type: 'button', 'data-action': action }, ACTIONS[action].label);
			button.addEventListener('click', () => {
				slot.replaceChildren(actionForm(id, action, loadQueue));
				const first = slot.querySelector('input, select');
				if (first) {
					first.focus();
				}
			});
			bar.appendChild(button);
		});
		const history = element('ol', { class: 'history' });
		history.hidden = true;
		const historyButton = element('button', { type: 'button', class: 'secondary', 'data-action': 'history',
			'aria-expanded': 'false' }, 'History');
		historyButton.addEventListener('click', () => toggleHistory(id, history, historyButton)
			.catch((error) => showQueueError(error.message)));
		bar.appendChild(historyButton);
		item.appendChild(bar);
		item.appendChild(slot);
		item.appendChild(history);
		return item;
	}

	function showQueueError(message) {
		const error = byId('queue-error');
		error.textContent = message;
		error.hidden = !message;
	}

	function drawQueue(listId, page, actions, empty) {
		const list = byId(listId);
		list.replaceChildren();
		if (!page.mentions.length) {
			list.appendChild(element('li', {}, empty));
		}
		page.mentions.forEach((found) => list.appendChild(queueItem(found, actions)));
	}

	async function loadQueue() {
		showQueueError('');
		const department = byId('queue-department').value;
		const params = new URLSearchParams();
		if (department) {
			params.set('department', department);
		}
		const period = range();
		const summaryParams = new URLSearchParams(params);
		summaryParams.set('from', period.from);
		summaryParams.set('to', period.to);
		const answeredParams = new URLSearchParams(params);
		answeredParams.set('state', 'answered');
		answeredParams.set('size', '10');
		try {
			const [open, answered, summary] = await Promise.all([getJson('/api/handling?' + params),
				getJson('/api/handling?' + answeredParams), getJson('/api/handling/summary?' + summaryParams)]);
			drawQueue('queue-open', open, ['assign', 'answer', 'escalate', 'dismiss'], 'Nothing waits for an answer');
			drawQueue('queue-answered', answered, ['reopen'], 'Nothing answered yet');
			byId('queue-figures').textContent = summary.open + ' waiting'
				+ (summary.open ? ', the longest for ' + duration(summary.longestWaitSeconds) + ', half of them for '
					+ duration(summary.medianWaitSeconds) + ' or more' : '')
				+ ' · in the period: ' + summary.answered + ' answered, ' + summary.dismissed + ' dismissed, '
				+ summary.escalated + ' escalated';
			const who = byId('answered-by');
			who.replaceChildren();
			if (!summary.answeredBy.length) {
				who.appendChild(element('li', {}, 'No answers in the period'));
			}
			summary.answeredBy.forEach((count) => {
				const entry = element('li', { 'data-actor': count.actor });
				entry.appendChild(element('span', { class: 'actor' }, count.actor));
				entry.appendChild(element('span', { class: 'count' }, count.count + (count.count === 1 ? ' answer' : ' answers')));
				who.appendChild(entry);
			});
		}
		catch (error) {
			showQueueError(error.message);
		}
	}

	async function loadOrganization() {
		const organization = await getJson('/api/organization');
		byId('org-name').textContent = organization.name;
		document.title = 'Grapevine · ' + organization.name;
		const names = {};
		const departments = byId('department');
		const topics = byId('topic');
		const queueDepartments = byId('queue-department');
		organization.departments.forEach((department) => {
			departmentNames[department.id] = department.name;
			departments.appendChild(element('option', { value: department.id }, department.name));
			queueDepartments.appendChild(element('option', { value: department.id }, department.name));
			const group = element('optgroup', { label: department.name });
			department.topics.forEach((topic) => {
				names[topic.id] = topic.name;
				group.appendChild(element('option', { value: topic.id }, topic.name));
			});
			topics.appendChild(group);
		});
		return names;
	}

	async function refresh(names) {
		document.body.setAttribute('aria-busy', 'true');
		showError('');
		const q = byId('q').value.trim();
		const outcomes = await Promise.allSettled([loadSummary(names, q), loadLatest(), search(q), loadQueue()]);
		const errors = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason);
		const queryError = errors.find(isQueryProblem);
		showQueryError(q, queryError ? queryError.problem : null);
		if (queryError) {
			byId('search-status').textContent = '';
		}
		const other = errors.find((error) => !isQueryProblem(error));
		if (other) {
			showError(other.message);
		}
		document.body.setAttribute('aria-busy', 'false');
	}

	// Who is signed in, and the way out: signing out is a form sent with the session's
	// CSRF token, which the service then forgets.
	async function showAccount() {
		const me = await getJson('/api/me');
		byId('account-name').textContent = me.username;
		byId('account-role').textContent = (me.roles || []).includes('ADMIN') ? ' (administrator)' : '';
		byId('sign-out').addEventListener('submit', () => {
			byId('sign-out-token').value = csrfHeaders()['X-XSRF-TOKEN'] || '';
		});
		byId('account').hidden = false;
	}

	async function start() {
		showAccount().catch((error) => showError(error.message));
		let names = {};
		try {
			names = await loadOrganization();
		}
		catch (error) {
			showError(error.message);
		}
		const linked = new URLSearchParams(window.location.search);
		const initial = linked.get('q');
		if (initial) {
			byId('q').value = initial;
		}
		if (linked.get('department')) {
			byId('department').value = linked.get('department');
			byId('queue-department').value = byId('department').value;
		}
		const from = Date.parse(linked.get('from'));
		const to = Date.parse(linked.get('to'));
		if (Number.isFinite(from) && Number.isFinite(to) && from < to) {
			linkedRange = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
		}
		byId('days').addEventListener('change', () => {
			linkedRange = null;
		});
		byId('filters').addEventListener('change', (event) => {
			if (event.target.id === 'department') {
				byId('queue-department').value = event.target.value;
			}
			refresh(names);
		});
		byId('queue-filters').addEventListener('change', () => loadQueue());
		byId('search').addEventListener('submit', (event) => {
			event.preventDefault();
			refresh(names);
		});
		await refresh(names);
	}

	start();
})();
